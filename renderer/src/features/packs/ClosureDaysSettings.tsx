// Settings → school closure days (INSET days and holidays). They stop the school-day clocks (a file transfer's
// 5 school days); a local authority's working-day clocks carry on. Typed as dates or ranges, one per line.
import type { SettingsVersion } from '../settings/settingsVersion';
import { useState, type FormEvent } from 'react';
import type { Checked } from '../../components';
import { addCalendarDays, formatIsoDate, parseUkDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { Button, ErrorSummary, StatusMessage, TextField, useForm } from '../../components';

const maxClosureDates = 400;

/** Consecutive dates shown as one range, so a six-week holiday is one line. */
export function closureDaysText(isoDates: readonly string[]): string {
  const sorted = [...new Set(isoDates)].sort();
  const lines: string[] = [];
  let start: string | null = null;
  let end: string | null = null;
  const flush = () => {
    if (start === null || end === null) return;
    lines.push(start === end ? formatIsoDate(start) : `${formatIsoDate(start)} to ${formatIsoDate(end)}`);
  };
  for (const date of sorted) {
    if (end !== null && addCalendarDays(end, 1) === date) end = date;
    else {
      flush();
      start = date;
      end = date;
    }
  }
  flush();
  return lines.join('\n');
}

/** "22/12/2026" or "22/12/2026 to 02/01/2027" per line → every date, or what is wrong on which line. */
export function parseClosureDays(text: string): Checked<string[]> {
  const dates = new Set<string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const parts = line.split(/\s*(?:\bto\b|–|—|-)\s*/i);
    const first = parseUkDate(parts[0] ?? '');
    const last = parts.length > 1 ? parseUkDate(parts[1] ?? '') : first;
    if (parts.length > 2 || !first.ok || !last.ok) {
      problems.push(`Line ${index + 1}: enter a date like 22/12/2026, or a range like 22/12/2026 to 02/01/2027`);
      return;
    }
    if (last.isoDate < first.isoDate) {
      problems.push(`Line ${index + 1}: the range ends before it starts`);
      return;
    }
    for (let date = first.isoDate; date <= last.isoDate && dates.size <= maxClosureDates; date = addCalendarDays(date, 1)) dates.add(date);
  });
  if (problems.length > 0) return { ok: false, errors: { closureDays: problems.join('. ') } };
  if (dates.size > maxClosureDates) return { ok: false, errors: { closureDays: `Enter at most ${maxClosureDates} days: remove past years’ holidays` } };
  return { ok: true, input: [...dates].sort() };
}

export function ClosureDaysSettings({ initial, version }: { initial: readonly string[]; version: SettingsVersion }) {
  const form = useForm({ closureDays: closureDaysText(initial) });
  const [saved, setSaved] = useState<number | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    void form.submit({
      check: (values) => parseClosureDays(values.closureDays),
      send: (closureDates) => invoke('settings.update', { version: version.current, closureDates }),
      onSuccess: (settings) => {
        version.current = settings.version;
        form.reset({ closureDays: closureDaysText(settings.closureDates) });
        setSaved(settings.closureDates.length);
      },
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={form.idFor('heading')}>
      <h2 className="section-title" id={form.idFor('heading')}>
        School closure days
      </h2>
      <div>
        <p className="fieldset__intro">
          INSET days and school holidays. They pause clocks counted in school days, such as sending a child protection file to a new school within 5
          school days. The council’s deadlines, in working days, do not pause. Bank holidays are already known.
        </p>
        {saved !== null && (
          <StatusMessage title="Closure days saved">
            {saved === 0 ? 'No closure days are set.' : `${saved} ${saved === 1 ? 'day is' : 'days are'} set as closure days.`}
          </StatusMessage>
        )}
        <ErrorSummary errors={form.errors} formError={form.formError} order={['closureDays']} idFor={form.idFor} failedSubmits={form.failedSubmits} />
        <TextField
          {...form.bind('closureDays')}
          label="Closure days"
          hint="One date or range on each line, for example 02/09/2026 for an INSET day or 21/12/2026 to 01/01/2027 for a holiday."
          multiline
          spellCheck={false}
        />
        <Button type="submit" variant="secondary" busy={form.submitting} busyLabel="Saving…">
          Save closure days
        </Button>
      </div>
    </form>
  );
}
