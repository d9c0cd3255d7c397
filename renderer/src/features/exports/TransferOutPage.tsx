// Sending the child protection file to the pupil's new school: the whole file or chosen items (each one left
// out needs a reason), the receiving school and DSL, how it goes; then the archive, its passphrase shown once,
// whether the passphrase went separately, and the date the receipt is due back.
import { useEffect, useState } from 'react';
import { commands, transferMethodLabels, transferMethods, type CommandOutput } from '../../../../shared/api';
import { formatDate, formatDateTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor } from '../../app/routes';
import { AlertMessage, Button, CheckboxField, ErrorSummary, Fieldset, PageHeading, RadioGroup, StatusMessage, TextField, checkWith, useForm, type FieldMessages } from '../../components';
import { ChildFileLink, ExportProgress, ProtectedFileResult, useChildName } from './exportParts';

type Item = CommandOutput<'transfers.preview'>['items'][number];
type Exported = CommandOutput<'transfers.export'>;

export function TransferOutPage({ pupilId }: { pupilId: string }) {
  const name = useChildName(pupilId);
  const [items, setItems] = useState<Item[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('transfers.preview', { pupilId }).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.value.items);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [pupilId]);

  return (
    <section className="page page--exports">
      <PageHeading caption={name ?? undefined}>Send the child protection file</PageHeading>
      <ChildFileLink pupilId={pupilId} />
      <p className="lead">
        When a pupil moves school, their child protection file goes to the new school’s DSL separately from the pupil record, securely, within 5 school days. The receiving DSL signs and
        returns the receipt page; chase them if it has not come back after 5 school days.
      </p>
      {problem && <AlertMessage title="The file could not be prepared">{problem}</AlertMessage>}
      {!items && !problem && <p className="loading">Gathering the file…</p>}
      {items && <TransferForm pupilId={pupilId} items={items} />}
    </section>
  );
}

const order = ['scope', 'to.schoolName', 'to.schoolUrn', 'to.dslName', 'to.dslContact', 'method'];

function TransferForm({ pupilId, items }: { pupilId: string; items: Item[] }) {
  const form = useForm<Record<string, string | boolean>>({
    scope: 'whole',
    'to.schoolName': '',
    'to.schoolUrn': '',
    'to.dslName': '',
    'to.dslContact': '',
    method: '',
  });
  const [leftOut, setLeftOut] = useState<ReadonlySet<string>>(new Set());
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Exported | null>(null);
  const [finished, setFinished] = useState(false);
  const selecting = form.values.scope === 'selected';
  const itemOrder = items.map((item) => `exclude.${item.itemId}`);

  const submit = () =>
    void form.submit({
      check: (values) => {
        const excluded = values.scope === 'selected' ? items.filter((item) => leftOut.has(item.itemId)) : [];
        const checked = checkWith(commands['transfers.export'].input, {
          pupilId,
          to: { schoolName: values['to.schoolName'], schoolUrn: values['to.schoolUrn'], dslName: values['to.dslName'], dslContact: values['to.dslContact'] },
          method: values.method || undefined,
          exclusions: excluded.map((item) => ({ itemId: item.itemId, reason: reasons[item.itemId] ?? '' })),
        });
        if (checked.ok) return checked;
        // The reason for an exclusion is shown beside its item, not by its place in the list sent.
        const errors: FieldMessages = {};
        for (const [path, message] of Object.entries(checked.errors)) {
          const match = /^exclusions\.(\d+)\.reason$/.exec(path);
          const item = match ? excluded[Number(match[1])] : undefined;
          errors[item ? `exclude.${item.itemId}` : path] = message;
        }
        return { ok: false as const, errors };
      },
      send: (input) => invoke('transfers.export', input),
      onSuccess: setResult,
    });

  if (finished && result) {
    return (
      <StatusMessage title="Child protection file sent">
        <p>
          The transfer is in the register. The receipt is due back by <strong>{formatDate(new Date(result.acknowledgementDue))}</strong>.
        </p>
        <p>
          <a href={hrefFor('transfers')}>Go to the transfer register</a>
        </p>
      </StatusMessage>
    );
  }

  if (result) {
    return (
      <>
        <ExportProgress busy={false} busyText="" doneText="The transfer pack is ready to download." />
        <ProtectedFileResult
          file={result}
          title="The transfer pack is ready"
          summary={
            <>
              <p>
                An encrypted archive with the file as a PDF (a cover sheet, a contents list, {result.itemCount} {result.itemCount === 1 ? 'record' : 'records'} and a receipt page for the
                receiving DSL to sign and return) and as data another school using this product can import.
                {result.excludedCount > 0 && ` ${result.excludedCount} ${result.excludedCount === 1 ? 'item was' : 'items were'} left out, with the reasons listed in the pack.`}
              </p>
              <p className="transfer-due">
                Acknowledgement due by <strong>{formatDate(new Date(result.acknowledgementDue))}</strong> (5 school days). The register flags it if the receipt has not come back by then.
              </p>
            </>
          }
          onFinished={() => setFinished(true)}
        >
          <PassphraseSent transferId={result.transferId} />
        </ProtectedFileResult>
      </>
    );
  }

  return (
    <form
      className="export-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} order={[...order, ...itemOrder]} idFor={form.idFor} failedSubmits={form.failedSubmits} />

      <Fieldset legend="What to send">
        <RadioGroup
          {...form.bind('scope')}
          legend="The transfer pack"
          options={[
            { value: 'whole', label: `The whole file (${items.length} ${items.length === 1 ? 'record' : 'records'})`, hint: 'Usually right: the new school needs the full picture.' },
            { value: 'selected', label: 'Selected items', hint: 'Each item left out needs a reason, which goes in the pack.' },
          ]}
        />
        {items.length === 0 && <p className="muted">The file has no records yet; the pack will hold the cover sheet, the child’s details and the receipt page.</p>}
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Records in the child protection file</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Record</th>
                <th scope="col">{selecting ? 'Send?' : 'Goes in the pack'}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const excluded = selecting && leftOut.has(item.itemId);
                const reasonPath = `exclude.${item.itemId}`;
                return (
                  <tr key={item.itemId}>
                    <td className="chronology__when">{formatDateTime(new Date(item.at))}</td>
                    <th scope="row">
                      {item.title}
                      {item.detail && <p className="muted">{item.detail}</p>}
                    </th>
                    <td>
                      {selecting ? (
                        <>
                          <CheckboxField
                            id={form.idFor(`send.${item.itemId}`)}
                            label={<span>Send<span className="visually-hidden"> “{item.title}”</span></span>}
                            checked={!excluded}
                            onChange={(checked) => {
                              const next = new Set(leftOut);
                              if (checked) next.delete(item.itemId);
                              else next.add(item.itemId);
                              setLeftOut(next);
                            }}
                          />
                          {excluded && (
                            <TextField
                              id={form.idFor(reasonPath)}
                              label="Why is it not being sent?"
                              value={reasons[item.itemId] ?? ''}
                              error={form.errors[reasonPath]}
                              onChange={(value) => setReasons((previous) => ({ ...previous, [item.itemId]: value }))}
                              multiline
                            />
                          )}
                        </>
                      ) : (
                        'Yes'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Fieldset>

      <Fieldset legend="The receiving school">
        <TextField {...form.bind('to.schoolName')} label="School name" />
        <TextField {...form.bind('to.schoolUrn')} label="URN (optional)" hint="The school’s 6-digit Unique Reference Number, from Get Information about Schools." width="short" inputMode="numeric" />
        <TextField {...form.bind('to.dslName')} label="Their DSL’s name" />
        <TextField {...form.bind('to.dslContact')} label="Their DSL’s phone or email (optional)" />
      </Fieldset>

      <RadioGroup {...form.bind('method')} legend="How will the file be sent?" options={transferMethods.map((method) => ({ value: method, label: transferMethodLabels[method] }))} />

      <ExportProgress busy={form.submitting} busyText="Building the transfer pack and encrypting the archive…" />
      <Button type="submit" busy={form.submitting} busyLabel="Exporting…">
        Export the transfer pack
      </Button>
    </form>
  );
}

/** Whether the passphrase went by a different channel: the register shows it, so the DSL can see it was done. */
function PassphraseSent({ transferId }: { transferId: string }) {
  const [answer, setAnswer] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const save = async () => {
    if (answer === '') {
      setProblem('Say whether the passphrase has been sent separately');
      return;
    }
    const result = await invoke('transfers.markPassphraseSent', { transferId, sentSeparately: answer === 'yes' });
    if (result.ok) {
      setProblem(undefined);
      setSaved(answer === 'yes' ? 'Recorded: the passphrase was sent separately.' : 'Recorded: the passphrase has not been sent yet. Send it separately, then update the register.');
    } else setProblem(result.error.message);
  };
  return (
    <div className="passphrase-sent">
      <RadioGroup
        id="passphrase-sent"
        legend="Has the passphrase been sent separately from the archive?"
        hint="For example, phoned to the receiving DSL, or sent in a second email after they confirmed the archive arrived."
        error={problem}
        value={answer}
        onChange={setAnswer}
        options={[
          { value: 'yes', label: 'Yes, by a different channel' },
          { value: 'no', label: 'Not yet' },
        ]}
      />
      <p>
        <Button variant="secondary" onClick={() => void save()}>
          Record the answer
        </Button>
      </p>
      <div role="status">{saved && <p className="notice__title">{saved}</p>}</div>
    </div>
  );
}
