// Pieces every export page shares: the progress line while a file is built, the downloaded archive with its
// passphrase shown once, the consent fields, and the child's name for the caption.
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { consentLabels, consentPositions, lawfulBases, lawfulBasisLabels, type ProtectedFile } from '../../../../shared/api';
import { invoke } from '../../api';
import { guardLeaving } from '../../app/leaveGuard';
import { hrefFor } from '../../app/routes';
import { Button, CheckboxField, RadioGroup, SelectField, TextField, Warning, type Form } from '../../components';
import './exports.css';

/** The name people use for the child: preferred first name if recorded. */
export function childName(pupil: { legalFirstName: string; legalLastName: string; preferredName: string | null }): string {
  return `${pupil.preferredName || pupil.legalFirstName} ${pupil.legalLastName}`;
}

/** Loads the child's name for a page's caption; null until it arrives (or if the file cannot be read). */
export function useChildName(pupilId: string): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void invoke('children.file', { pupilId }).then((result) => {
      if (live && result.ok) setName(childName(result.value.pupil));
    });
    return () => {
      live = false;
    };
  }, [pupilId]);
  return name;
}

export function ChildFileLink({ pupilId, children = 'Back to the child’s file' }: { pupilId: string; children?: ReactNode }) {
  return (
    <p className="export-back">
      <a href={hrefFor('child', { pupilId })}>{children}</a>
    </p>
  );
}

/** The file's bytes as an object URL for a download link; revoked when the page moves on. */
export function useDownloadUrl(file: { dataBase64: string; mimeType: string } | null): string | null {
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

export function formatBytes(base64Length: number): string {
  const bytes = Math.floor((base64Length * 3) / 4);
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** An always-present live region: screen readers hear when an export starts and when it is ready. */
export function ExportProgress({ busy, busyText, doneText }: { busy: boolean; busyText: string; doneText?: string | null }) {
  return (
    <div className="export-progress" role="status" aria-live="polite">
      {busy ? (
        <p className="export-progress__busy">
          <span className="export-progress__spinner" aria-hidden="true" />
          {busyText}
        </p>
      ) : (
        doneText && <p className="visually-hidden">{doneText}</p>
      )}
    </div>
  );
}

/** The passphrase in large groups of characters, read out group by group. */
export function Passphrase({ value }: { value: string }) {
  const groups = value.split('-');
  return (
    <p className="passphrase">
      <span className="visually-hidden">Passphrase, character by character: {groups.map((group) => group.split('').join(' ')).join(', dash, ')}</span>
      {groups.map((group, index) => (
        <span key={index} aria-hidden="true">
          {index > 0 && <span className="passphrase__dash">-</span>}
          <span className="passphrase__group">{group}</span>
        </span>
      ))}
    </p>
  );
}

interface ProtectedFileResultProps {
  file: ProtectedFile;
  title: string;
  /** What the file holds, in a sentence. */
  summary: ReactNode;
  /** Shown between the passphrase and the confirmation (e.g. "was the passphrase sent separately?"). */
  children?: ReactNode;
  onFinished: () => void;
}

/**
 * The export's result: the download and, for a protected file, the passphrase — shown this once, never stored —
 * with a confirmation before the page lets the DSL move on.
 */
export function ProtectedFileResult({ file, title, summary, children, onFinished }: ProtectedFileResultProps) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const url = useDownloadUrl(file);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const protectedFile = file.passphrase !== null;

  // Leaving (another page, closing the window, reloading) before confirming would lose the passphrase for good.
  useEffect(() => {
    if (!protectedFile || confirmed) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    guardLeaving('The passphrase is shown only here. If you leave this page now it is gone, and the file must be exported again. Leave anyway?');
    return () => {
      window.removeEventListener('beforeunload', warn);
      guardLeaving(null);
    };
  }, [protectedFile, confirmed]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(file.passphrase ?? '');
      setCopied('Passphrase copied. Paste it only into the message you send separately.');
    } catch {
      setCopied('Could not copy: write the passphrase down instead.');
    }
  };

  const finish = () => {
    if (protectedFile && !confirmed) {
      setProblem('Confirm that you have the passphrase and will send it separately');
      document.getElementById(`${id}-confirm`)?.focus();
      return;
    }
    onFinished();
  };

  return (
    <section className="export-result panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="export-result__title">
        {title}
      </h2>
      <div className="export-result__summary">{summary}</div>
      <p>
        {url && (
          <a className="button button--primary export-download" href={url} download={file.fileName}>
            Download {protectedFile ? 'the encrypted archive' : 'the file'}
            <span className="visually-hidden">,</span> <span className="export-download__name">({file.fileName}, {formatBytes(file.dataBase64.length)})</span>
          </a>
        )}
      </p>
      <p className="muted">The file name does not contain the child’s name, so it is safe in an email subject or a folder listing.</p>

      {protectedFile ? (
        <>
          <h3 className="export-result__subtitle">The passphrase</h3>
          <p>The archive opens with 7-Zip, or any tool that reads AES-256 encrypted zip files, using this passphrase:</p>
          <Passphrase value={file.passphrase!} />
          <Warning>
            <strong>Send this passphrase by a different channel (e.g. phone it to the social worker) — it is not stored anywhere.</strong> Never put it in the same email as the archive.
            It is shown only on this page: once you leave, it cannot be shown again and the file would have to be exported again.
          </Warning>
          <p>
            <Button variant="secondary" onClick={() => void copy()}>
              Copy the passphrase
            </Button>
          </p>
          <div role="status" className="export-result__copied">
            {copied}
          </div>
        </>
      ) : (
        <Warning>This file is not encrypted. Print it or keep it inside school; do not email it.</Warning>
      )}

      {children}

      {protectedFile && (
        <CheckboxField
          id={`${id}-confirm`}
          label="I have the passphrase and will send it separately from the archive"
          error={problem}
          checked={confirmed}
          onChange={(checked) => {
            setConfirmed(checked);
            if (checked) setProblem(undefined);
          }}
        />
      )}
      <Button onClick={finish}>I have finished</Button>
    </section>
  );
}

export function consentReasonLabel(position: string): string {
  if (position === 'refused') return 'Why are you going ahead without consent?';
  if (position === 'not_sought') return 'Why was consent not sought?';
  return 'Anything to add about consent? (optional)';
}

/** Lawful basis and consent position with its reason, named as the commands name them so server messages land here. */
export function ConsentFields<V extends Record<string, string | boolean>>({ form, hint }: { form: Form<V>; hint?: string }) {
  const field = (name: string) => form.bind(name as keyof V & string);
  return (
    <>
      <SelectField
        {...field('lawfulBasis')}
        label="Lawful basis for sharing"
        hint="Data protection law does not stop sharing to keep a child safe."
        options={lawfulBases.map((basis) => ({ value: basis, label: lawfulBasisLabels[basis] }))}
      />
      <RadioGroup
        {...field('consent.position')}
        legend="Consent"
        hint={hint ?? 'Seek consent where that is safe. Do not seek it where it would put the child at risk or lose evidence; record why.'}
        options={consentPositions.map((position) => ({ value: position, label: consentLabels[position] }))}
      />
      <TextField {...field('consent.reason')} label={consentReasonLabel(String(form.values['consent.position']))} multiline />
    </>
  );
}
