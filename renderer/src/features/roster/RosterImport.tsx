// Importing the roster exported from the school's MIS (SIMS, Arbor, Bromcom…): choose the CSV, say which column
// holds what, look at the preview and every row that will be refused, then import. Nobody is ever deleted:
// pupils missing from the file are marked as left on a date the person chooses.
import { useId, useRef, useState, type FormEvent } from 'react';
import { requiredRosterFields, rosterFields, type AppError, type RosterField, type RosterImportResult, type RosterPreview, type RosterRejection } from '../../../../shared/api';
import { formatIsoDate, londonIsoDate, parseUkDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { Button, ButtonGroup, CheckboxField, ErrorSummary, FieldError, SelectField, StatusMessage, TextField } from '../../components';
import { count, plural, readFileAsBase64, rosterFieldLabels } from './rosterWording';

type Mapping = Record<string, RosterField | null>;
type RosterFile = { fileName: string; dataBase64: string };

type Stage =
  | { step: 'choose' }
  | { step: 'map'; file: RosterFile; preview: RosterPreview; mapping: Mapping }
  | { step: 'preview'; file: RosterFile; preview: RosterPreview; mapping: Mapping }
  | { step: 'done'; fileName: string; result: RosterImportResult };

function RejectedRows({ rejected, caption }: { rejected: readonly RosterRejection[]; caption: string }) {
  if (rejected.length === 0) return <p>No rows are refused.</p>;
  return (
    <div className="table-wrap roster-rejected" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption className="roster-table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Pupil</th>
            <th scope="col">Why it is refused</th>
          </tr>
        </thead>
        <tbody>
          {rejected.map((row) => (
            <tr key={`${row.line}:${row.reason}`}>
              <td>Line {row.line}</td>
              <td>{row.pupil}</td>
              <td>{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SampleRows({ preview }: { preview: RosterPreview }) {
  if (preview.sample.length === 0) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="The first rows of the file">
      <table className="table roster-sample">
        <caption className="roster-table__caption">The first {plural(preview.sample.length, 'row', 'rows')} of the file, as read</caption>
        <thead>
          <tr>
            {preview.headers.map((header) => (
              <th scope="col" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.sample.map((row, index) => (
            <tr key={index}>
              {preview.headers.map((header) => (
                <td key={header}>{row[header] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChooseFile({ onRead }: { onRead: (file: RosterFile, preview: RosterPreview) => void }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = input.current?.files?.[0];
    if (!chosen) {
      setMessage('Choose the CSV file exported from your MIS');
      return;
    }
    setBusy(true);
    setMessage(null);
    const file = { fileName: chosen.name, dataBase64: await readFileAsBase64(chosen) };
    const result = await invoke('roster.preview', { file });
    setBusy(false);
    if (!result.ok) {
      setMessage(result.error.fields?.file?.[0] ?? result.error.fields?.['file.dataBase64']?.[0] ?? result.error.message);
      return;
    }
    onRead(file, result.value);
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <div className={message ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor={`${id}-file`}>
          Roster file (CSV)
        </label>
        <div className="field__hint" id={`${id}-file-hint`}>
          Export the pupils from SIMS, Arbor or Bromcom as CSV with a header row: UPN, names, date of birth, year and registration group, and if you have
          them gender, SEN status, address and a contact. Up to 20 MB.
        </div>
        <FieldError id={`${id}-file`} message={message ?? undefined} />
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          className="file-input"
          accept=".csv,text/csv"
          aria-describedby={`${id}-file-hint${message ? ` ${id}-file-error` : ''}`}
          aria-invalid={message ? true : undefined}
        />
      </div>
      <p className="visually-hidden" role="status">
        {busy ? 'Reading the file…' : ''}
      </p>
      <Button type="submit" busy={busy} busyLabel="Reading the file…">
        Read the file
      </Button>
    </form>
  );
}

function MapColumns({ file, preview, initial, onPreview, onStartAgain }: { file: RosterFile; preview: RosterPreview; initial: Mapping; onPreview: (preview: RosterPreview, mapping: Mapping) => void; onStartAgain: () => void }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [mapping, setMapping] = useState<Mapping>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<AppError | null>(null);
  const [failed, setFailed] = useState(0);
  const [busy, setBusy] = useState(false);
  const idFor = (path: string) => `${id}-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const columnKey = (index: number) => `column-${index}`;

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    const chosen = Object.values(mapping).filter((field): field is RosterField => field !== null);
    const missing = requiredRosterFields.filter((field) => !chosen.includes(field));
    if (missing.length > 0) found[columnKey(0)] = `Choose a column for each required field: ${missing.map((field) => rosterFieldLabels[field]).join(', ')}`;
    preview.headers.forEach((header, index) => {
      const field = mapping[header];
      if (field && preview.headers.findIndex((other) => mapping[other] === field) !== index) {
        found[columnKey(index)] = `${rosterFieldLabels[field]} is already chosen for another column: choose it for one column only`;
      }
    });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      setFailed((value) => value + 1);
      return;
    }
    setBusy(true);
    const result = await invoke('roster.preview', { file, mapping });
    setBusy(false);
    if (!result.ok) {
      setFormError(result.error);
      setFailed((value) => value + 1);
      return;
    }
    onPreview(result.value, mapping);
  };

  const order = preview.headers.map((_, index) => columnKey(index));
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="roster__step">Step 2 of 3: say what each column holds</h3>
      <p>
        {file.fileName}: {plural(preview.rowCount, 'row', 'rows')}, {plural(preview.headers.length, 'column', 'columns')}. The app has guessed from the column
        names; check each one. Fields marked “required” must each have a column.
      </p>
      <ErrorSummary errors={errors} formError={formError} order={order} idFor={idFor} failedSubmits={failed} />
      <SampleRows preview={preview} />
      <div className="roster-mapping">
        {preview.headers.map((header, index) => {
          const example = preview.sample.map((row) => row[header]).find((value) => value);
          return (
            <SelectField
              key={header}
              id={idFor(columnKey(index))}
              label={`Column “${header}”`}
              hint={example ? `For example: ${example}` : 'Empty in the first rows'}
              error={errors[columnKey(index)]}
              value={mapping[header] ?? ''}
              onChange={(value) => setMapping((previous) => ({ ...previous, [header]: value ? (value as RosterField) : null }))}
              placeholder="Do not import this column"
              options={rosterFields.map((field) => ({ value: field, label: `${rosterFieldLabels[field]}${requiredRosterFields.includes(field) ? ' (required)' : ''}` }))}
            />
          );
        })}
      </div>
      <ButtonGroup>
        <Button type="submit" busy={busy} busyLabel="Checking every row…">
          Check every row
        </Button>
        <Button variant="secondary" onClick={onStartAgain}>
          Choose another file
        </Button>
      </ButtonGroup>
    </form>
  );
}

function PreviewAndImport({ file, preview, mapping, onBack, onImported }: { file: RosterFile; preview: RosterPreview; mapping: Mapping; onBack: () => void; onImported: (result: RosterImportResult) => void }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [leftOn, setLeftOn] = useState(() => formatIsoDate(londonIsoDate(new Date())));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<AppError | null>(null);
  const [failed, setFailed] = useState(0);
  const [busy, setBusy] = useState(false);
  const [leaversConfirmed, setLeaversConfirmed] = useState(false);
  const idFor = (path: string) => `${id}-${path}`;
  const leavers = plural(preview.markedLeftCount, 'pupil', 'pupils');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseUkDate(leftOn);
    const problems: Record<string, string> = {};
    if (!parsed.ok) problems.leftOn = parsed.message;
    if (preview.needsLeaverConfirmation && !leaversConfirmed) problems.confirmMarkedLeft = `Confirm that ${leavers} will be marked as left, or choose another file`;
    if (!parsed.ok || Object.keys(problems).length > 0) {
      setErrors(problems);
      setFailed((value) => value + 1);
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    // The number the person saw goes back: if the roll changed since the preview, the import refuses instead of guessing.
    const confirmation = preview.needsLeaverConfirmation ? { confirmMarkedLeft: preview.markedLeftCount } : {};
    const result = await invoke('roster.import', { file, mapping, leftOn: parsed.isoDate, ...confirmation });
    setBusy(false);
    if (!result.ok) {
      const fields = result.error.fields ?? {};
      setErrors({ ...(fields.leftOn?.[0] ? { leftOn: fields.leftOn[0] } : {}), ...(fields.confirmMarkedLeft?.[0] ? { confirmMarkedLeft: fields.confirmMarkedLeft[0] } : {}) });
      setFormError(result.error);
      setFailed((value) => value + 1);
      return;
    }
    onImported(result.value);
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <h3 className="roster__step">Step 3 of 3: check and import</h3>
      <ErrorSummary errors={errors} formError={formError} order={['leftOn', 'confirmMarkedLeft']} idFor={idFor} failedSubmits={failed} />
      <ul className="roster-counts">
        <li>
          <span className="roster-counts__number">{count(preview.rowCount)}</span> rows in {file.fileName}
        </li>
        <li>
          <span className="roster-counts__number">{count(preview.acceptedCount)}</span> ready to import
        </li>
        <li>
          <span className="roster-counts__number">{count(preview.rejected.length)}</span> refused
        </li>
        <li>
          <span className="roster-counts__number">{count(preview.markedLeftCount)}</span> of the {count(preview.onRollCount)} pupils on roll will be marked as left
        </li>
      </ul>
      <SampleRows preview={preview} />
      <h4 className="roster__subheading">Rows that will be refused</h4>
      <p>These rows are left out; every other row is imported. Correct them in the MIS and import again, or add the pupils by hand.</p>
      <RejectedRows rejected={preview.rejected} caption={`Refused rows: ${count(preview.rejected.length)}`} />
      <TextField
        id={idFor('leftOn')}
        label="Date pupils missing from this file left"
        hint="Pupils already in the app but not in this file are marked as left on this date; nobody is deleted. For example 22/07/2026."
        error={errors.leftOn}
        value={leftOn}
        onChange={setLeftOn}
        width="short"
      />
      {preview.needsLeaverConfirmation && (
        <CheckboxField
          id={idFor('confirmMarkedLeft')}
          label={`${leavers} will be marked as left`}
          hint="They are in the app but not in this file. Tick only if this file is the whole school's list: a partial or wrong file would mark pupils who are still here."
          error={errors.confirmMarkedLeft}
          checked={leaversConfirmed}
          onChange={setLeaversConfirmed}
        />
      )}
      <p className="roster-progress" role="status" aria-live="polite">
        {busy ? `Importing ${plural(preview.acceptedCount, 'pupil', 'pupils')}… This can take a minute. Please keep this page open.` : ''}
      </p>
      <ButtonGroup>
        <Button type="submit" busy={busy} busyLabel="Importing…">
          Import {plural(preview.acceptedCount, 'pupil', 'pupils')}
        </Button>
        <Button variant="secondary" onClick={onBack} disabled={busy}>
          Change the column mapping
        </Button>
      </ButtonGroup>
    </form>
  );
}

function ImportResult({ fileName, result, onAnother }: { fileName: string; result: RosterImportResult; onAnother: () => void }) {
  return (
    <div>
      <StatusMessage title="Roster imported">
        <p>{fileName} has been imported.</p>
        <ul className="roster-result">
          <li>{plural(result.created, 'pupil', 'pupils')} created</li>
          <li>{plural(result.updated, 'pupil', 'pupils')} updated</li>
          <li>{plural(result.unchanged, 'pupil', 'pupils')} unchanged</li>
          <li>{plural(result.markedLeft, 'pupil', 'pupils')} marked as left</li>
          <li>{plural(result.rejected.length, 'row', 'rows')} refused</li>
        </ul>
      </StatusMessage>
      {result.rejected.length > 0 && <RejectedRows rejected={result.rejected} caption={`Rows not imported: ${count(result.rejected.length)}`} />}
      <Button variant="secondary" onClick={onAnother}>
        Import another file
      </Button>
    </div>
  );
}

export function RosterImport() {
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const startAgain = () => setStage({ step: 'choose' });
  switch (stage.step) {
    case 'choose':
      return (
        <>
          <h3 className="roster__step">Step 1 of 3: choose the file</h3>
          <ChooseFile onRead={(file, preview) => setStage({ step: 'map', file, preview, mapping: preview.suggestedMapping })} />
        </>
      );
    case 'map':
      return (
        <MapColumns
          file={stage.file}
          preview={stage.preview}
          initial={stage.mapping}
          onStartAgain={startAgain}
          onPreview={(preview, mapping) => setStage({ step: 'preview', file: stage.file, preview, mapping })}
        />
      );
    case 'preview':
      return (
        <PreviewAndImport
          file={stage.file}
          preview={stage.preview}
          mapping={stage.mapping}
          onBack={() => setStage({ step: 'map', file: stage.file, preview: stage.preview, mapping: stage.mapping })}
          onImported={(result) => setStage({ step: 'done', fileName: stage.file.fileName, result })}
        />
      );
    case 'done':
      return <ImportResult fileName={stage.fileName} result={stage.result} onAnother={startAgain} />;
  }
}
