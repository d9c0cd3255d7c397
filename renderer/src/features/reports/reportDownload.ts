// A report file from the core (base64) as an object URL for an <a download> link; revoked when it is replaced
// or the page moves on, so the bytes do not outlive the page.
import { useEffect, useMemo } from 'react';
import type { ReportFile } from '../../../../shared/api';

export function useReportFileUrl(file: ReportFile | null): string | null {
  const url = useMemo(() => {
    if (!file) return null;
    const binary = atob(file.dataBase64);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
    return URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  }, [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

/** "12 KB", from the base64 text's length. */
export function fileSizeText(base64Length: number): string {
  const bytes = Math.floor((base64Length * 3) / 4);
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
