// File transfers: the register of child protection files sent (with the 5-school-day acknowledgement clock),
// recording a receipt when it comes back, and receiving a file from another school — an archive to import or a
// paper file to record.
import { useCallback, useEffect, useState } from 'react';
import { commands, transferMethodLabels, type CommandOutput, type PupilSummary, type TransferRegisterRow } from '../../../../shared/api';
import { formatDate, formatDateTime, formatIsoDate, parseUkDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, ButtonGroup, ErrorSummary, FieldError, LinkButton, PageHeading, RadioGroup, StatusMessage, TextField, checkWith, useForm, type FieldMessages } from '../../components';
import { childName } from './exportParts';

function todayUk(): string {
  return formatDate(new Date());
}

/** A dd/MM/yyyy field's text as yyyy-MM-dd for the command, with the calendar's own message when it is not a date. */
function ukDateInput(text: string): { value: string; error?: string } {
  const parsed = parseUkDate(text);
  return parsed.ok ? { value: parsed.isoDate } : { value: '', error: parsed.message };
}

function withDateError<T>(checked: { ok: true; input: T } | { ok: false; errors: FieldMessages }, field: string, error: string | undefined) {
  if (!error) return checked;
  return { ok: false as const, errors: { ...(checked.ok ? {} : checked.errors), [field]: error } };
}

export function TransfersPage() {
  const [rows, setRows] = useState<TransferRegisterRow[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  const load = useCallback(async () => setVersion((count) => count + 1), []);

  useEffect(() => {
    let live = true;
    void invoke('transfers.register', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setRows(result.value);
        setProblem(null);
      } else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [version]);

  return (
    <section className="page page--exports page--transfers">
      <PageHeading>File transfers</PageHeading>
      <p className="lead">Child protection files sent to other schools and received from them. A file sent should be acknowledged within 5 school days; chase the receiving DSL if it is not.</p>
      {problem && <AlertMessage title="The register could not be loaded">{problem}</AlertMessage>}
      <TransferRegister rows={rows} onChanged={load} />
      <ReceiveArchive />
      <RecordPaperFile />
    </section>
  );
}

function passphraseText(value: boolean | null): string {
  if (value === null) return 'Not recorded';
  return value ? 'Yes' : 'No';
}

function Clock({ row }: { row: TransferRegisterRow }) {
  if (row.clock === 'acknowledged') {
    return (
      <span className="transfer-clock--acknowledged">
        Acknowledged {row.acknowledgedOn ? formatIsoDate(row.acknowledgedOn) : ''}
        {row.acknowledgedBy ? ` by ${row.acknowledgedBy}` : ''}
      </span>
    );
  }
  if (row.clock === 'acknowledgement_overdue') {
    return (
      <span className="transfer-clock--overdue">
        <span className="tag tag--overdue">Overdue</span> by {row.schoolDaysOverdue} school {row.schoolDaysOverdue === 1 ? 'day' : 'days'} — was due {formatDate(new Date(row.acknowledgementDue))}. Chase the receiving DSL.
      </span>
    );
  }
  return <span>Awaiting acknowledgement — due {formatDate(new Date(row.acknowledgementDue))}</span>;
}

function TransferRegister({ rows, onChanged }: { rows: TransferRegisterRow[] | null; onChanged: () => Promise<void> }) {
  const [acknowledging, setAcknowledging] = useState<TransferRegisterRow | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const overdue = rows?.filter((row) => row.clock === 'acknowledgement_overdue').length ?? 0;

  return (
    <section className="export-section" aria-labelledby="register-title">
      <h2 id="register-title" className="section-title">
        Files sent
      </h2>
      {rows === null ? (
        <p className="loading">Loading the register…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No child protection files have been sent. Send one from the child’s file when a pupil moves school.</p>
      ) : (
        <>
          <p className="muted">
            This school’s copy of each file is kept as set in Settings (“Files sent to another school”). Nothing is deleted by the app: a copy past its date is marked for review.
          </p>
          {overdue > 0 && (
            <p className="transfer-clock--overdue">
              {overdue} {overdue === 1 ? 'transfer has' : 'transfers have'} not been acknowledged after 5 school days.
            </p>
          )}
          <div className="table-wrap">
            <table className="table transfer-register">
              <caption className="visually-hidden">Transfer register: child protection files sent</caption>
              <thead>
                <tr>
                  <th scope="col">Child</th>
                  <th scope="col">Date sent</th>
                  <th scope="col">Method</th>
                  <th scope="col">To</th>
                  <th scope="col">Passphrase sent separately</th>
                  <th scope="col">Acknowledgement</th>
                  <th scope="col">Our copy kept until</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <a href={hrefFor('child', { pupilId: row.pupilId })}>{row.pupilName}</a>
                    </th>
                    <td>{formatDateTime(new Date(row.sentAt))}</td>
                    <td>{transferMethodLabels[row.method]}</td>
                    <td>
                      {row.toSchool}
                      {row.toSchoolUrn && ` (URN ${row.toSchoolUrn})`}
                      <br />
                      DSL: {row.toDsl}
                    </td>
                    <td>{passphraseText(row.passphraseSentSeparately)}</td>
                    <td>
                      <Clock row={row} />
                    </td>
                    <td>
                      {formatIsoDate(row.retainUntil)}
                      {row.retentionReviewDue && (
                        <>
                          {' '}
                          <span className="tag tag--overdue">Review due</span> under the school’s records policy
                        </>
                      )}
                    </td>
                    <td>
                      {row.clock !== 'acknowledged' && (
                        <LinkButton onClick={() => setAcknowledging(row)}>
                          Record the acknowledgement<span className="visually-hidden"> for {row.pupilName}’s file sent to {row.toSchool}</span>
                        </LinkButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {done && <StatusMessage title="Acknowledgement recorded">{done}</StatusMessage>}
      {acknowledging && (
        <AcknowledgeForm
          key={acknowledging.id}
          row={acknowledging}
          onCancel={() => setAcknowledging(null)}
          onSaved={async (message) => {
            setAcknowledging(null);
            setDone(message);
            await onChanged();
          }}
        />
      )}
    </section>
  );
}

function AcknowledgeForm({ row, onCancel, onSaved }: { row: TransferRegisterRow; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const form = useForm({ acknowledgedOn: todayUk(), acknowledgedBy: row.toDsl });
  const submit = () =>
    void form.submit({
      check: (values) => {
        const date = ukDateInput(values.acknowledgedOn);
        return withDateError(checkWith(commands['transfers.acknowledge'].input, { transferId: row.id, acknowledgedOn: date.value, acknowledgedBy: values.acknowledgedBy }), 'acknowledgedOn', date.error);
      },
      send: (input) => invoke('transfers.acknowledge', input),
      onSuccess: () => void onSaved(`${row.pupilName}’s file: the receipt from ${row.toSchool} is recorded.`),
    });
  return (
    <form
      className="panel export-section"
      aria-labelledby="acknowledge-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id="acknowledge-title" className="pack-section__title">
        Record the acknowledgement: {row.pupilName}, sent to {row.toSchool}
      </h3>
      <ErrorSummary errors={form.errors} formError={form.formError} order={['acknowledgedOn', 'acknowledgedBy']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <TextField {...form.bind('acknowledgedOn')} label="Date the signed receipt came back" hint="For example 22/11/2026" width="short" />
      <TextField {...form.bind('acknowledgedBy')} label="Who signed the receipt" />
      <ButtonGroup>
        <Button type="submit" busy={form.submitting}>
          Save the acknowledgement
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </form>
  );
}

type Imported = CommandOutput<'transfers.import'>;
type Received = CommandOutput<'transfers.received'>[number];

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

function ReceiveArchive() {
  const form = useForm({ passphrase: '' });
  const [file, setFile] = useState<File | null>(null);
  const [imported, setImported] = useState<{ result: Imported; received: Received | null } | null>(null);
  const [reading, setReading] = useState(false);
  const fileId = form.idFor('archiveBase64');

  const submit = async () => {
    setReading(true);
    let archiveBase64 = '';
    try {
      archiveBase64 = file ? await readAsBase64(file) : '';
    } catch {
      archiveBase64 = '';
    }
    setReading(false);
    await form.submit({
      check: (values) => {
        const checked = checkWith(commands['transfers.import'].input, { archiveBase64, passphrase: values.passphrase, pupilId: null });
        if (file) return checked;
        return { ok: false as const, errors: { archiveBase64: 'Choose the archive the sending school sent you', ...(checked.ok ? {} : checked.errors) } };
      },
      send: (input) => invoke('transfers.import', input),
      onSuccess: (result) => {
        setImported({ result, received: null });
        void invoke('transfers.received', { pupilId: result.pupilId }).then((list) => {
          if (list.ok) setImported({ result, received: list.value.find((entry) => entry.id === result.receivedId) ?? null });
        });
      },
    });
  };

  return (
    <section className="export-section" aria-labelledby="receive-title">
      <h2 id="receive-title" className="section-title">
        Receive a file from another school
      </h2>
      {imported ? (
        <ImportedFile imported={imported.result} received={imported.received} onAnother={() => {
          setImported(null);
          setFile(null);
          form.reset();
        }} />
      ) : (
        <form
          className="panel"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <p>If the sending school uses this product, import the encrypted archive they sent. The file is checked as a whole: if anything is missing or altered, nothing is imported.</p>
          <ErrorSummary errors={form.errors} formError={form.formError} order={['archiveBase64', 'passphrase']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
          <div className={form.errors.archiveBase64 ? 'field field--error' : 'field'}>
            <label className="field__label" htmlFor={fileId}>
              Transfer archive (.zip)
            </label>
            <FieldError id={fileId} message={form.errors.archiveBase64} />
            <input
              id={fileId}
              name="archive"
              type="file"
              accept=".zip,application/zip"
              className="file-input"
              aria-describedby={form.errors.archiveBase64 ? `${fileId}-error` : undefined}
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <TextField {...form.bind('passphrase')} label="Passphrase" hint="The sending school gives it to you separately, for example by phone. Groups of letters and numbers, like K7QX-…" spellCheck={false} />
          <div role="status" aria-live="polite">
            {(reading || form.submitting) && <p className="export-progress__busy">Opening and checking the archive…</p>}
          </div>
          <Button type="submit" busy={reading || form.submitting} busyLabel="Importing…">
            Import the file
          </Button>
        </form>
      )}
    </section>
  );
}

function ImportedFile({ imported, received, onAnother }: { imported: Imported; received: Received | null; onAnother: () => void }) {
  return (
    <StatusMessage title="File received">
      <p>
        {imported.itemCount} {imported.itemCount === 1 ? 'record' : 'records'} from <strong>{imported.fromSchool}</strong>, sent {formatDateTime(new Date(imported.sentAt))}.{' '}
        {imported.createdPupil ? 'A new child’s file was made for them.' : 'They were added to the child’s existing file.'}
      </p>
      {received && (
        <>
          <p>
            Sent by {received.fromDsl}, {received.fromSchool}
            {received.fromSchoolUrn && ` (URN ${received.fromSchoolUrn})`}. Received here {formatDateTime(new Date(received.receivedAt))}.
          </p>
          {received.items.length > 0 && (
            <ul className="list received-items" aria-label="What came">
              {received.items.map((item) => (
                <li key={item.itemId}>
                  {formatDate(new Date(item.at))} — {item.title}
                </li>
              ))}
            </ul>
          )}
          {received.excluded.length > 0 && (
            <>
              <p>The sending school left out:</p>
              <ul className="list">
                {received.excluded.map((item) => (
                  <li key={item.title}>
                    {item.title}: {item.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <p>
        <a href={hrefFor('child', { pupilId: imported.pupilId })}>Open the child’s file</a>
      </p>
      <p>
        <LinkButton onClick={onAnother}>Receive another file</LinkButton>
      </p>
    </StatusMessage>
  );
}

function RecordPaperFile() {
  const form = useForm({ query: '', pupilId: '', fromSchool: '', fromDsl: '', receivedOn: todayUk(), notes: '' });
  const [matches, setMatches] = useState<PupilSummary[] | null>(null);
  const [searchError, setSearchError] = useState<string | undefined>();
  const [saved, setSaved] = useState<{ pupilId: string; name: string } | null>(null);

  const search = async () => {
    const checked = checkWith(commands['pupils.search'].input, { query: form.values.query, includeLeavers: true });
    if (!checked.ok) {
      setSearchError(checked.errors.query);
      return;
    }
    const result = await invoke('pupils.search', checked.input);
    if (result.ok) {
      setSearchError(result.value.length === 0 ? 'No pupil matches; check the spelling or add the pupil to the roster first' : undefined);
      setMatches(result.value);
    } else setSearchError(result.error.message);
  };

  const submit = () =>
    void form.submit({
      check: (values) => {
        const date = ukDateInput(values.receivedOn);
        const checked = checkWith(commands['transfers.recordPaperFile'].input, { pupilId: values.pupilId, fromSchool: values.fromSchool, fromDsl: values.fromDsl, receivedOn: date.value, notes: values.notes });
        const withDate = withDateError(checked, 'receivedOn', date.error);
        if (withDate.ok || values.pupilId) return withDate;
        return { ok: false as const, errors: { ...withDate.errors, pupilId: 'Find and choose the pupil the file is about' } };
      },
      send: (input) => invoke('transfers.recordPaperFile', input),
      onSuccess: () => {
        const pupil = matches?.find((candidate) => candidate.id === form.values.pupilId);
        setSaved({ pupilId: form.values.pupilId, name: pupil ? childName(pupil) : 'the child' });
        form.reset();
        setMatches(null);
      },
    });

  const queryId = form.idFor('query');
  return (
    <section className="export-section" aria-labelledby="paper-title">
      <h2 id="paper-title" className="section-title">
        Record a paper file received
      </h2>
      {saved && (
        <StatusMessage title="Paper file recorded">
          <p>
            It is noted on <a href={hrefFor('child', { pupilId: saved.pupilId })}>{saved.name}’s file</a>. Keep the paper file locked away, separately from the pupil record.
          </p>
        </StatusMessage>
      )}
      <form
        className="panel"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <ErrorSummary errors={form.errors} formError={form.formError} order={['pupilId', 'fromSchool', 'fromDsl', 'receivedOn', 'notes']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
        <div className="paper-search">
          <TextField id={queryId} label="Find the pupil" hint="Part of a name, a UPN or a class." value={form.values.query} error={searchError} onChange={(value) => form.set('query', value)} width="medium" />
          <Button variant="secondary" onClick={() => void search()}>
            Search
          </Button>
        </div>
        {matches && matches.length > 0 ? (
          <RadioGroup
            {...form.bind('pupilId')}
            legend="Which pupil is the file about?"
            options={matches.map((pupil) => ({ value: pupil.id, label: childName(pupil), hint: [pupil.yearGroup ? `Year ${pupil.yearGroup}` : null, pupil.registrationGroup, pupil.leftOn ? `left ${formatIsoDate(pupil.leftOn)}` : null].filter(Boolean).join(', ') || undefined }))}
          />
        ) : (
          form.errors.pupilId && <FieldError id={form.idFor('pupilId')} message={form.errors.pupilId} />
        )}
        <TextField {...form.bind('fromSchool')} label="School the file came from" />
        <TextField {...form.bind('fromDsl')} label="Their DSL (optional)" />
        <TextField {...form.bind('receivedOn')} label="Date it arrived" hint="For example 22/11/2026" width="short" />
        <TextField {...form.bind('notes')} label="Notes (optional)" hint="For example: how it arrived, how many documents, whether the receipt was signed and returned." multiline />
        <Button type="submit" busy={form.submitting}>
          Record the paper file
        </Button>
      </form>
    </section>
  );
}
