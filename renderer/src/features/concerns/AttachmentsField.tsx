// Attachments, such as a scan of a handwritten note. Type, size and number are checked here, before anything is
// sent, with the same limits the core enforces; files are read as base64 in the page and kept only in memory.
import { useRef, useState, type ChangeEvent } from 'react';
import { attachmentTypes, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type Attachment } from '../../../../shared/api';
import { FieldError, LinkButton } from '../../components';

type AttachmentType = (typeof attachmentTypes)[number];

const byExtension: Record<string, AttachmentType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

function typeOf(file: File): AttachmentType | null {
  if ((attachmentTypes as readonly string[]).includes(file.type)) return file.type as AttachmentType;
  if (file.type !== '') return null;
  return byExtension[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The size of the file a base64 string holds. */
export const decodedSize = (base64: string) => Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

interface AttachmentsFieldProps {
  id: string;
  files: Attachment[];
  onChange: (files: Attachment[]) => void;
  /** A message from checking the whole form or from the core. */
  error: string | undefined;
}

export function AttachmentsField({ id, files, onChange, error }: AttachmentsFieldProps) {
  const [problems, setProblems] = useState<string[]>([]);
  const [reading, setReading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const message = problems.length > 0 ? problems.join(' ') : error;

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    event.target.value = '';
    const found: string[] = [];
    const accepted: Attachment[] = [];
    setReading(true);
    for (const file of chosen) {
      const type = typeOf(file);
      if (!type) {
        found.push(`“${file.name}” is not a PDF or a photo: attach a PDF, JPEG, PNG or WebP file.`);
        continue;
      }
      if (file.size > MAX_ATTACHMENT_BYTES) {
        found.push(`“${file.name}” is ${formatBytes(file.size)}: each file must be ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB or smaller.`);
        continue;
      }
      if (file.size === 0) {
        found.push(`“${file.name}” is empty.`);
        continue;
      }
      if (files.length + accepted.length >= MAX_ATTACHMENTS) {
        found.push(`You can attach at most ${MAX_ATTACHMENTS} files; “${file.name}” was not added.`);
        continue;
      }
      try {
        accepted.push({ name: file.name.slice(0, 200), type, dataBase64: await readAsBase64(file) });
      } catch {
        found.push(`“${file.name}” could not be read: try attaching it again.`);
      }
    }
    setReading(false);
    setProblems(found);
    if (accepted.length > 0) onChange([...files, ...accepted]);
  };

  return (
    <div className={message ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        Attach files (optional)
      </label>
      <div className="field__hint" id={`${id}-hint`}>
        For example a scan or photo of a note the child wrote. PDF, JPEG, PNG or WebP; each up to {MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; at most {MAX_ATTACHMENTS} files. Never
        photograph a child’s body. Files are not kept in drafts: attach them just before you submit.
      </div>
      <FieldError id={id} message={message} />
      <input
        ref={input}
        id={id}
        className="file-input"
        type="file"
        multiple
        accept=".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp"
        aria-describedby={[`${id}-hint`, message ? `${id}-error` : null].filter(Boolean).join(' ')}
        aria-invalid={message ? true : undefined}
        onChange={(event) => void onFiles(event)}
      />
      {reading && <p role="status">Reading the files…</p>}
      {files.length > 0 && (
        <ul className="attachment-list" aria-label="Attached files">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              {file.name} <span className="muted">({formatBytes(decodedSize(file.dataBase64))})</span>{' '}
              <LinkButton
                onClick={() => {
                  onChange(files.filter((_, at) => at !== index));
                  input.current?.focus();
                }}
              >{`Remove ${file.name}`}</LinkButton>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
