// The summaries that leave the school from a record about an adult — for the person concerned (who raised it is left
// out) or for the LADO — through the same encrypted archive as every other export, with the passphrase shown once.
import { useState } from 'react';
import { commands, type AdultConcernView, type ProtectedFile } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { ErrorSummary, RadioGroup, TextField, Button, checkWith, useForm } from '../../components';
import { ExportProgress, ProtectedFileResult } from '../exports/exportParts';

const kindLabels = { person_summary: 'A summary for the person concerned', lado_referral: 'A LADO referral summary' } as const;

export function ExportSummary({ record, onExported }: { record: AdultConcernView; onExported: () => void }) {
  const form = useForm({ kind: '', recipient: '', purpose: '' });
  const [file, setFile] = useState<ProtectedFile | null>(null);

  const submit = () =>
    form.submit({
      check: (values) => checkWith(commands['adults.exportSummary'].input, { id: record.id, kind: values.kind || undefined, recipient: values.recipient, purpose: values.purpose }),
      send: (input) => invoke('adults.exportSummary', input),
      onSuccess: (value) => {
        setFile(value);
        form.reset({ kind: '', recipient: '', purpose: '' });
        onExported();
      },
    });

  return (
    <section className="adults__section" aria-labelledby="export-title">
      <h2 id="export-title">Summaries</h2>
      {record.exports.length > 0 && (
        <ul className="adults__list">
          {record.exports.map((entry) => (
            <li key={entry.id}>
              {kindLabels[entry.kind]} for {entry.recipient}, {formatDateTime(new Date(entry.at))} by {entry.by}: {entry.purpose}
            </li>
          ))}
        </ul>
      )}
      <ExportProgress busy={form.submitting} busyText="Preparing the encrypted file…" doneText={file ? 'The file is ready.' : null} />
      {file ? (
        <ProtectedFileResult file={file} title="The summary is ready" summary={<p>It is logged on this record with who it is for and why.</p>} onFinished={() => setFile(null)} />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <ErrorSummary errors={form.errors} formError={form.formError} order={['kind', 'recipient', 'purpose']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
          <RadioGroup
            id={form.idFor('kind')}
            legend="Which summary"
            hint="The person concerned is given a copy of the record, without the name of who raised it. The LADO’s summary names who recorded it."
            error={form.errors.kind}
            value={form.values.kind}
            onChange={(value) => form.set('kind', value)}
            options={(['person_summary', 'lado_referral'] as const).map((value) => ({ value, label: kindLabels[value] }))}
          />
          <TextField {...form.bind('recipient')} label="Who it is for" width="medium" />
          <TextField {...form.bind('purpose')} label="Why it is being shared" multiline />
          <Button type="submit" busy={form.submitting} busyLabel="Preparing…">
            Prepare the encrypted summary
          </Button>
        </form>
      )}
    </section>
  );
}
