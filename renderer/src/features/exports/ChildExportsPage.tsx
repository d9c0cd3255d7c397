// The chronology as PDF or CSV (full, or anonymised for meetings outside school) and the subject-access review,
// where every item is marked disclose or withhold — with a reason for withholding — before anything is produced.
import { useEffect, useState } from 'react';
import { commands, type CommandOutput, type ProtectedFile } from '../../../../shared/api';
import { formatDateTime, parseUkDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { AlertMessage, Button, CheckboxField, ErrorSummary, PageHeading, RadioGroup, StatusMessage, TextField, checkWith, useForm, type FieldMessages } from '../../components';
import { ChildFileLink, ConsentFields, ExportProgress, ProtectedFileResult, useChildName } from './exportParts';

export function ChildExportsPage({ pupilId }: { pupilId: string }) {
  const name = useChildName(pupilId);
  return (
    <section className="page page--exports">
      <PageHeading caption={name ?? undefined}>Chronology and subject access exports</PageHeading>
      <ChildFileLink pupilId={pupilId} />
      <ChronologyExport pupilId={pupilId} />
      <SubjectAccessReview pupilId={pupilId} />
    </section>
  );
}

const chronologyOrder = ['format', 'version', 'significantOnly', 'recipient', 'purpose', 'lawfulBasis', 'consent.position', 'consent.reason', 'protect'];

function ChronologyExport({ pupilId }: { pupilId: string }) {
  const form = useForm<Record<string, string | boolean>>({
    format: 'pdf',
    version: 'full',
    significantOnly: false,
    recipient: '',
    purpose: '',
    lawfulBasis: 'safeguarding_children',
    'consent.position': '',
    'consent.reason': '',
    protect: true,
  });
  const [result, setResult] = useState<ProtectedFile | null>(null);
  const [finished, setFinished] = useState(false);

  const submit = () =>
    void form.submit({
      check: (values) =>
        checkWith(commands['exports.chronology'].input, {
          pupilId,
          format: values.format,
          anonymised: values.version === 'anonymised',
          significantOnly: values.significantOnly === true,
          protect: values.protect === true,
          recipient: values.recipient,
          purpose: values.purpose,
          lawfulBasis: values.lawfulBasis,
          consent: { position: values['consent.position'] || undefined, reason: values['consent.reason'] },
        }),
      send: (input) => invoke('exports.chronology', input),
      onSuccess: (value) => {
        setFinished(false);
        setResult(value);
      },
    });

  return (
    <section className="export-section" aria-labelledby="chronology-export-title">
      <h2 id="chronology-export-title" className="section-title">
        Export the chronology
      </h2>
      {finished && <StatusMessage title="Chronology exported">The export is recorded in the information-sharing log.</StatusMessage>}
      {result ? (
        <ProtectedFileResult
          file={result}
          title="The chronology is ready"
          summary={<p>The export is recorded in the information-sharing log with the recipient, the purpose and the consent position.</p>}
          onFinished={() => {
            setResult(null);
            setFinished(true);
          }}
        />
      ) : (
        <form
          className="panel"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <ErrorSummary errors={form.errors} formError={form.formError} order={chronologyOrder} idFor={form.idFor} failedSubmits={form.failedSubmits} />
          <RadioGroup
            {...form.bind('format')}
            legend="Format"
            options={[
              { value: 'pdf', label: 'PDF', hint: 'To read or print: A4, page numbers, marked OFFICIAL-SENSITIVE.' },
              { value: 'csv', label: 'CSV', hint: 'A spreadsheet, for another system or for sorting.' },
            ]}
          />
          <RadioGroup
            {...form.bind('version')}
            legend="Version"
            options={[
              { value: 'full', label: 'Full chronology', hint: 'Everything as recorded, with the names of the staff who recorded it.' },
              {
                value: 'anonymised',
                label: 'Anonymised, for external meetings',
                hint: 'Staff names are replaced by their roles (for example “Class teacher”) and other children’s names are redacted. The child’s own name stays.',
              },
            ]}
          />
          <CheckboxField id={form.idFor('significantOnly')} label="Significant events only" hint="Leave out day-to-day entries the DSL has not marked significant." checked={form.values.significantOnly === true} onChange={(checked) => form.set('significantOnly', checked)} />
          <TextField {...form.bind('recipient')} label="Who will receive it" hint="For example: Child protection conference, chair Ms A Khan." />
          <TextField {...form.bind('purpose')} label="Why it is being shared" multiline />
          <ConsentFields form={form} />
          <CheckboxField
            id={form.idFor('protect')}
            label="Protect it in an encrypted archive"
            hint="Recommended. Untick only to print it for a meeting inside school: the file will not be encrypted."
            checked={form.values.protect === true}
            onChange={(checked) => form.set('protect', checked)}
          />
          <ExportProgress busy={form.submitting} busyText="Building the chronology…" />
          <Button type="submit" busy={form.submitting} busyLabel="Exporting…">
            Export the chronology
          </Button>
        </form>
      )}
    </section>
  );
}

type Item = CommandOutput<'exports.subjectAccessItems'>[number];
type SubjectAccessResult = CommandOutput<'exports.subjectAccessExport'>;

function SubjectAccessReview({ pupilId }: { pupilId: string }) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void invoke('exports.subjectAccessItems', { pupilId }).then((result) => {
      if (!live) return;
      if (result.ok) setItems(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [pupilId, version]);

  return (
    <section className="export-section" aria-labelledby="subject-access-title">
      <h2 id="subject-access-title" className="section-title">
        Subject access review
      </h2>
      <p>
        When a parent or a pupil asks for the information held about the child, review every item. Safeguarding information may be withheld where sharing it would put a child at risk;
        say why for each item withheld. Nothing is produced until every item has been reviewed.
      </p>
      {problem && <AlertMessage title="The items could not be loaded">{problem}</AlertMessage>}
      {!items && !problem && <p className="loading">Loading everything held about the child…</p>}
      {items && <SubjectAccessForm pupilId={pupilId} items={items} onItemsChanged={() => setVersion((count) => count + 1)} />}
    </section>
  );
}

const decisionKey = (item: Item) => `review.${item.itemId}.decision`;
const reasonKey = (item: Item) => `review.${item.itemId}.reason`;

function SubjectAccessForm({ pupilId, items, onItemsChanged }: { pupilId: string; items: Item[]; onItemsChanged: () => void }) {
  // Decisions are kept by item id, so a list refreshed after the file changed keeps every decision already made.
  const form = useForm<Record<string, string>>({ requester: '', receivedOn: '' });
  const [result, setResult] = useState<SubjectAccessResult | null>(null);
  const [finished, setFinished] = useState(false);
  const value = (key: string) => form.values[key] ?? '';
  const reviewed = items.filter((item) => value(decisionKey(item)) !== '').length;
  const order = ['requester', 'receivedOn', 'reviews', ...items.flatMap((item) => [decisionKey(item), reasonKey(item)])];

  const submit = () =>
    void form.submit({
      check: (values) => {
        const errors: FieldMessages = {};
        const date = parseUkDate(values.receivedOn ?? '');
        const checked = checkWith(commands['exports.subjectAccessExport'].input, {
          pupilId,
          requester: values.requester,
          receivedOn: date.ok ? date.isoDate : '',
          reviews: items.map((item) => ({ itemId: item.itemId, decision: values[decisionKey(item)] || undefined, reason: values[reasonKey(item)] ?? '' })),
        });
        if (checked.ok) return checked;
        // Messages go beside the item they are about, in the page's own words ("item 3").
        for (const [path, message] of Object.entries(checked.errors)) {
          const match = /^reviews\.(\d+)\.(decision|reason)$/.exec(path);
          const item = match ? items[Number(match[1])] : undefined;
          if (item && match![2] === 'decision') errors[decisionKey(item)] = `Choose disclose or withhold for item ${Number(match![1]) + 1}`;
          else if (item) errors[reasonKey(item)] = message;
          else errors[path] = path === 'receivedOn' && !date.ok ? date.message : message;
        }
        return { ok: false as const, errors };
      },
      send: async (input) => {
        const sent = await invoke('exports.subjectAccessExport', input);
        // The file changed since the list was loaded (a new record, or the record of an export): show the new items.
        if (!sent.ok && sent.error.fields && ('reviews' in sent.error.fields || Object.keys(sent.error.fields).some((path) => path.endsWith('.itemId')))) onItemsChanged();
        return sent;
      },
      onSuccess: setResult,
    });

  if (finished) return <StatusMessage title="Subject access response exported">The export and every decision to withhold are recorded in the information-sharing log.</StatusMessage>;
  if (result) {
    return (
      <ProtectedFileResult
        file={result}
        title="The subject access response is ready"
        summary={
          <p>
            {result.disclosed} {result.disclosed === 1 ? 'item' : 'items'} disclosed, {result.withheld} withheld. The response says that some information has been withheld without saying what.
          </p>
        }
        onFinished={() => setFinished(true)}
      />
    );
  }

  return (
    <form
      className="panel"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <TextField {...form.bind('requester')} label="Who asked for the information" hint="For example: the child’s mother, Jane Smith." />
      <TextField {...form.bind('receivedOn')} label="Date the request was received" hint="For example 22/11/2026. A response is due within one month." width="short" />
      <p className="review-count" role="status">
        {reviewed} of {items.length} {items.length === 1 ? 'item' : 'items'} reviewed
      </p>
      {items.length === 0 ? (
        <p className="muted">Nothing is held about the child yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table review-table">
            <caption className="visually-hidden">Items held about the child, to disclose or withhold</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <tr key={item.itemId}>
                  <th scope="row">
                    <span className="pack-chronology__when">{formatDateTime(new Date(item.at))}</span> {item.title}
                    {item.detail && <p className="muted">{item.detail}</p>}
                  </th>
                  <td>
                    <RadioGroup
                      {...form.bind(decisionKey(item))}
                      legend={<span className="visually-hidden">Disclose or withhold item {index + 1}, “{item.title}”</span>}
                      options={[
                        { value: 'disclose', label: 'Disclose' },
                        { value: 'withhold', label: 'Withhold' },
                      ]}
                    />
                    {value(decisionKey(item)) === 'withhold' && <TextField {...form.bind(reasonKey(item))} label="Why is it withheld?" multiline />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ExportProgress busy={form.submitting} busyText="Building the response and encrypting it…" />
      <Button type="submit" busy={form.submitting} busyLabel="Exporting…">
        Export the subject access response
      </Button>
    </form>
  );
}
