// The frame every casework form on a child's file shares: a heading that names the child, the error summary, the
// fields, and Save / Cancel. Dates are typed as people write them (22/11/2026) and sent as the commands expect.
import { createContext, useContext, useEffect, type FormEvent, type ReactNode } from 'react';
import { isStaleSave } from '../../../../shared/api';
import type { z } from 'zod';
import { formatDate, formatTime, londonIsoDate, parseUkDate } from '../../../../shared/calendar';
import { Button, ButtonGroup, checkWith, ErrorSummary, PageHeading, TextField, type BoundField, type Checked, type FieldMessages, type Form } from '../../components';

type Values = Record<string, string | boolean>;

/** Today in London as dd/MM/yyyy, and the time now as HH:mm: the defaults a DSL would type. */
export const todayUk = () => formatDate(new Date());
export const nowTime = () => formatTime(new Date());
export const todayIso = () => londonIsoDate(new Date());

/**
 * Checks `raw` against a command's schema after turning each named dd/MM/yyyy field into yyyy-MM-dd.
 * A date that cannot be read gets the calendar's own message; an empty optional date becomes null.
 */
export function checkDated<S extends z.ZodType>(schema: S, raw: Record<string, unknown>, dates: readonly string[], optionalDates: readonly string[] = []): Checked<z.output<S>> {
  const converted: Record<string, unknown> = { ...raw };
  const extra: FieldMessages = {};
  for (const field of [...dates, ...optionalDates]) {
    const text = String(raw[field] ?? '').trim();
    if (text === '' && optionalDates.includes(field)) {
      converted[field] = null;
      continue;
    }
    const parsed = parseUkDate(text);
    if (parsed.ok) converted[field] = parsed.isoDate;
    else {
      converted[field] = '';
      extra[field] = parsed.message;
    }
  }
  return checkWith(schema, converted, extra);
}

export function DateField({ label, hint, ...field }: BoundField & { label: string; hint?: string }) {
  return <TextField {...field} label={label} hint={hint ?? 'For example 22/11/2026'} width="short" inputMode="text" />;
}

export function TimeField({ label, ...field }: BoundField & { label: string }) {
  return <TextField {...field} label={label} hint="24-hour clock, for example 14:30" width="short" />;
}

/**
 * Reloads the record a form is saving, when someone else saved it first: the page then shows what they saved while
 * the form keeps every word typed, so the person can check and save again (or cancel).
 */
export const RecordReload = createContext<() => void>(() => undefined);

interface CaseFormProps<V extends Values> {
  form: Form<V>;
  title: string;
  caption: string;
  order: readonly string[];
  submitLabel: string;
  busyLabel?: string;
  onSubmit: () => void;
  onCancel: () => void;
  intro?: ReactNode;
  children: ReactNode;
}

export function CaseForm<V extends Values>({ form, title, caption, order, submitLabel, busyLabel = 'Saving…', onSubmit, onCancel, intro, children }: CaseFormProps<V>) {
  const reload = useContext(RecordReload);
  const stale = form.formError !== null && isStaleSave(form.formError);
  useEffect(() => {
    if (stale) reload();
  }, [stale, form.failedSubmits, reload]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <section className="page casework-form">
      <PageHeading caption={caption}>{title}</PageHeading>
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      {stale && <p className="casework-stale">What is saved now, including their change:</p>}
      {intro}
      <form noValidate onSubmit={submit}>
        {children}
        <ButtonGroup>
          <Button type="submit" busy={form.submitting} busyLabel={busyLabel}>
            {submitLabel}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
