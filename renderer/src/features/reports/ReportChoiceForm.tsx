// Which report: the period (a term, a school year, or dates typed as dd/MM/yyyy) and who it is for. Nothing is
// fetched until the form is sent, so changing a choice never swaps the numbers under the reader's eyes.
import { periodChoiceSchema, type PeriodChoice, type ReportAudience } from '../../../../shared/api';
import { parseUkDate } from '../../../../shared/calendar';
import { Button, ErrorSummary, RadioGroup, TextField, useForm, type Checked, type FieldMessages } from '../../components';

export interface ReportRequest {
  period: PeriodChoice;
  audience: ReportAudience;
}

type ChoiceValues = { period: string; from: string; to: string; audience: string };

const periodOptions = [
  { value: 'this_term', label: 'This term so far' },
  { value: 'last_term', label: 'Last term' },
  { value: 'this_school_year', label: 'This school year so far' },
  { value: 'last_school_year', label: 'Last school year' },
  { value: 'custom', label: 'Other dates' },
] as const;

export function audienceOptions(isHead: boolean) {
  return [
    {
      value: 'head',
      label: isHead ? 'Your own view' : 'The school leaders’ view',
      hint: 'Exact numbers, and the names of staff who logged no concern. Not for sharing outside the school’s leaders.',
    },
    { value: 'governors', label: 'For governors', hint: 'Numbers from 1 to 4 shown as “fewer than 5”. Nobody is named.' },
  ];
}

const order = ['period', 'from', 'to', 'audience'];

function checkChoice(values: ChoiceValues): Checked<ReportRequest> {
  const audience = values.audience === 'governors' ? 'governors' : 'head';
  if (values.period !== 'custom') {
    const parsed = periodChoiceSchema.safeParse({ kind: values.period });
    if (!parsed.success) return { ok: false, errors: { period: 'Choose the period the report covers' } };
    return { ok: true, input: { period: parsed.data, audience } };
  }
  const errors: FieldMessages = {};
  const from = parseUkDate(values.from);
  const to = parseUkDate(values.to);
  if (!from.ok) errors.from = from.message;
  if (!to.ok) errors.to = to.message;
  if (!from.ok || !to.ok) return { ok: false, errors };
  const parsed = periodChoiceSchema.safeParse({ kind: 'custom', from: from.isoDate, to: to.isoDate });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'period')] ??= issue.message;
    return { ok: false, errors };
  }
  return { ok: true, input: { period: parsed.data, audience } };
}

interface ReportChoiceFormProps {
  isHead: boolean;
  busy: boolean;
  onChoose: (request: ReportRequest) => void;
}

export function ReportChoiceForm({ isHead, busy, onChoose }: ReportChoiceFormProps) {
  const form = useForm<ChoiceValues>({ period: 'this_term', from: '', to: '', audience: 'head' });

  const send = () =>
    form.submit({
      check: checkChoice,
      // The dashboard is fetched by the page; here the choice only has to be valid.
      send: async (input) => ({ ok: true as const, value: input }),
      onSuccess: onChoose,
    });

  return (
    <form
      className="report-choice panel"
      noValidate
      aria-label="Choose the report"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      <div className="report-choice__columns">
        <div>
          <RadioGroup {...form.bind('period')} legend="Period" hint="Each period is shown beside the one before it." options={periodOptions} />
          {form.values.period === 'custom' && (
            <div className="report-choice__dates">
              <TextField {...form.bind('from')} label="From" hint="For example 01/09/2026" width="short" inputMode="text" />
              <TextField {...form.bind('to')} label="To" hint="For example 20/12/2026" width="short" inputMode="text" />
            </div>
          )}
        </div>
        <RadioGroup {...form.bind('audience')} legend="Who is the report for?" options={audienceOptions(isHead)} />
      </div>
      <Button type="submit" busy={busy} busyLabel="Working out the report…">
        Show the report
      </Button>
    </form>
  );
}
