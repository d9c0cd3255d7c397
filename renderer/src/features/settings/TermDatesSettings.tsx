// Settings → term dates. The culture report's terms come from these. Until the school confirms a year's dates,
// the usual English pattern is filled in for it to check against its council's or trust's published dates.
import type { SettingsVersion } from './settingsVersion';
import { useState, type FormEvent } from 'react';
import {
  formatIsoDate,
  londonIsoDate,
  parseUkDate,
  schoolYearOf,
  termDatesFor,
  termDatesProblems,
  type SchoolYearTerms,
} from '../../../../shared/calendar';
import { invoke } from '../../api';
import { Button, ErrorSummary, Fieldset, StatusMessage, TextField, useForm, type Checked } from '../../components';

const terms = [
  { key: 'autumn', name: 'Autumn' },
  { key: 'spring', name: 'Spring' },
  { key: 'summer', name: 'Summer' },
] as const;

const yearLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
const fieldName = (slot: number, term: string) => `year${slot}.${term}`;

type Values = Record<string, string>;

function toValues(years: readonly number[], set: readonly SchoolYearTerms[]): Values {
  const values: Values = {};
  years.forEach((year, slot) => {
    const dates = termDatesFor(year, set);
    for (const term of terms) values[fieldName(slot, term.key)] = formatIsoDate(dates[term.key]);
  });
  return values;
}

/** Typed dates → the school years' term dates, or the message for each field that is wrong. */
function parseTermDates(values: Values, years: readonly number[]): Checked<SchoolYearTerms[]> {
  const errors: Record<string, string> = {};
  const parsed: SchoolYearTerms[] = [];
  years.forEach((schoolYear, slot) => {
    const year: SchoolYearTerms = { schoolYear, autumn: '', spring: '', summer: '' };
    for (const term of terms) {
      const date = parseUkDate(values[fieldName(slot, term.key)] ?? '');
      if (date.ok) year[term.key] = date.isoDate;
      else errors[fieldName(slot, term.key)] = date.message;
    }
    if (year.autumn && year.spring && year.summer) {
      for (const [term, message] of Object.entries(termDatesProblems(year))) errors[fieldName(slot, term)] = message;
    }
    parsed.push(year);
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: parsed };
}

export function TermDatesSettings({ initial, version }: { initial: readonly SchoolYearTerms[]; version: SettingsVersion }) {
  const thisYear = schoolYearOf(londonIsoDate(new Date()), initial);
  const years = [thisYear, thisYear + 1];
  const [stored, setStored] = useState<readonly SchoolYearTerms[]>(initial);
  const form = useForm<Values>(toValues(years, initial));
  const [saved, setSaved] = useState(false);
  const confirmed = (year: number) => stored.some((entry) => entry.schoolYear === year);
  const order = years.flatMap((_, slot) => terms.map((term) => fieldName(slot, term.key)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void form.submit({
      check: (values) => parseTermDates(values, years),
      // Years not shown here (earlier ones the reports still use) are kept as they were.
      send: (shown) => invoke('settings.update', { version: version.current, termDates: [...stored.filter((entry) => !years.includes(entry.schoolYear)), ...shown] }),
      onSuccess: (settings) => {
        version.current = settings.version;
        setStored(settings.termDates);
        form.reset(toValues(years, settings.termDates));
        setSaved(true);
      },
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="settings-term-dates-heading">
      <h2 className="section-title" id="settings-term-dates-heading">
        Term dates
      </h2>
      <p className="fieldset__intro">
        The first day of each term, INSET days included. The culture report compares term with term using these dates; each term runs until the next one
        starts.
      </p>
      {saved && <StatusMessage title="Term dates saved">The culture report now uses these dates.</StatusMessage>}
      <ErrorSummary errors={form.errors} formError={form.formError} order={order} idFor={form.idFor} failedSubmits={form.failedSubmits} />
      {years.map((year, slot) => (
        <Fieldset key={year} legend={`School year ${yearLabel(year)}`}>
          {!confirmed(year) && (
            <p className="fieldset__intro">
              <strong>Not confirmed yet.</strong> These are the usual dates in England, worked out from Easter: check them against your council’s or trust’s
              published term dates.
            </p>
          )}
          {terms.map((term) => (
            <TextField key={term.key} {...form.bind(fieldName(slot, term.key))} label={`${term.name} term ${yearLabel(year)} starts`} hint="For example 01/09/2026." width="medium" />
          ))}
        </Fieldset>
      ))}
      <Button type="submit" variant="secondary" busy={form.submitting} busyLabel="Saving…">
        Confirm term dates
      </Button>
    </form>
  );
}
