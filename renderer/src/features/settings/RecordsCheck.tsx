// Checking the records from the app (admin and DSL), as `npm run admin -- verify` does: the database's own integrity,
// the audit log's hash chain, and the fingerprint to keep outside this computer — which, given back later, shows
// nobody has rewritten the log up to it, not even someone holding the database key.
import { useState, type FormEvent } from 'react';
import { parseAuditAnchor, type AppError, type AuditVerification } from '../../../../shared/api';
import { invoke } from '../../api';
import { AlertMessage, Button, StatusMessage, TextField } from '../../components';

type AnchorErrors = Partial<Record<'seq' | 'fingerprint', string>>;

/** Reads the two boxes; both empty means "no anchor", and a half-filled pair says which box is missing. */
function readAnchor(row: string, fingerprint: string): { anchor?: { seq: number; fingerprint: string }; errors: AnchorErrors } {
  if (row.trim() === '' && fingerprint.trim() === '') return { errors: {} };
  const parsed = parseAuditAnchor(row, fingerprint);
  if (parsed.success) return { anchor: parsed.data, errors: {} };
  const errors: AnchorErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'seq' ? 'seq' : 'fingerprint';
    errors[field] ??= issue.message;
  }
  return { errors };
}

export function RecordsCheck() {
  const [row, setRow] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [errors, setErrors] = useState<AnchorErrors>({});
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [checkedAnchor, setCheckedAnchor] = useState<{ seq: number } | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    const read = readAnchor(row, fingerprint);
    setErrors(read.errors);
    if (Object.keys(read.errors).length > 0) return;
    setChecking(true);
    setResult(null);
    const answer = await invoke('audit.verify', read.anchor ? { anchor: read.anchor } : {});
    setChecking(false);
    if (answer.ok) {
      setProblem(null);
      setResult(answer.value);
      setCheckedAnchor(read.anchor ?? null);
      return;
    }
    setProblem(answer.error);
    const fields = answer.error.fields ?? {};
    setErrors({ ...(fields['anchor.seq'] ? { seq: fields['anchor.seq'][0] } : {}), ...(fields['anchor.fingerprint'] ? { fingerprint: fields['anchor.fingerprint'][0] } : {}) });
  };

  const broken = result && (!result.integrity.ok || !result.chain.ok || result.anchor?.ok === false);

  return (
    <section aria-labelledby="settings-records-check-heading">
      <h2 className="section-title" id="settings-records-check-heading">
        Check the records
      </h2>
      <p>
        Checks that the database is sound and that no entry in the audit log has been changed, removed or slipped in outside the app. It can take a
        few seconds on a large school.
      </p>
      <form noValidate onSubmit={(event) => void check(event)} aria-label="Check the records">
        <p className="fieldset__intro">
          If you wrote down a row and fingerprint last time, enter them: the check then also shows nobody has rewritten the log up to that row — not even
          someone holding the database key. Leave both empty otherwise.
        </p>
        <TextField id="anchor-row" label="Row number written down (optional)" value={row} error={errors.seq} onChange={setRow} inputMode="numeric" width="short" />
        <TextField id="anchor-fingerprint" label="Fingerprint written down (optional)" hint="20 letters and digits, for example 3F2A-9C1B-77D0-E412-AB12" value={fingerprint} error={errors.fingerprint} onChange={setFingerprint} width="medium" spellCheck={false} />
        <Button type="submit" busy={checking} busyLabel="Checking…">
          Check now
        </Button>
      </form>
      {problem && !problem.fields && (
        <AlertMessage title="The check could not run">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      {result && broken && (
        <AlertMessage title="The records do not check out">
          <ul>
            {!result.integrity.ok && <li>The database is damaged: {result.integrity.messages.slice(0, 3).join('; ')}</li>}
            {!result.chain.ok && (
              <li>
                The audit log is broken at row {result.chain.firstBrokenRow}: {result.chain.reason}.
              </li>
            )}
            {result.anchor?.ok === false && <li>The row you wrote down does not match: {result.anchor.reason}.</li>}
          </ul>
          <p>Change nothing more. Ask your IT lead to copy the whole data folder somewhere safe as evidence, tell the DSL, and restore the latest backup that passes the check (see the admin guide).</p>
        </AlertMessage>
      )}
      {result && !broken && (
        <StatusMessage title="The records check out">
          <ul>
            <li>The database is sound.</li>
            <li>The audit log is unbroken ({result.chain.rowsChecked.toLocaleString('en-GB')} rows checked).</li>
            {result.anchor?.ok && checkedAnchor && <li>Rows 1 to {checkedAnchor.seq} of the audit log are as they were when you wrote them down.</li>}
          </ul>
        </StatusMessage>
      )}
      {result?.head && (
        <>
          <p>
            Newest row <strong>{result.head.seq}</strong>, fingerprint <code>{result.head.fingerprint}</code>
          </p>
          <p>Write these two down in your IT log, or print this page, and keep them away from this computer. Enter them here next time.</p>
        </>
      )}
    </section>
  );
}
