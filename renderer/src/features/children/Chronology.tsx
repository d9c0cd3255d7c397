// The child's chronology: everything in date order, as a social worker, an inspector or a court reads it.
// Filter by kind, or show the significant events only.
import { useId, useState } from 'react';
import { chronologyKinds, type ChronologyEntry } from '../../../../shared/api';
import { concernOutcomeLabels } from '../../../../shared/casework';
import { formatDateTime, formatIsoDate } from '../../../../shared/calendar';
import { hrefFor } from '../../app/routes';
import { CheckboxField, LongText, SelectField } from '../../components';

type Kind = (typeof chronologyKinds)[number];

export const chronologyKindLabels: Record<Kind, string> = {
  concern: 'Concerns',
  addendum: 'Addenda',
  decision: 'Decisions',
  referral: 'Referrals',
  referral_update: 'Referral updates',
  action: 'Actions',
  review: 'Reviews',
  assessment: 'Threshold assessments',
  event: 'External events',
  flag: 'Status changes',
  sharing: 'Information sharing',
};

/** The core writes the outcome's code into a closed concern's title; people read its label. */
function titleOf(entry: ChronologyEntry): string {
  const closed = /^Concern closed: (.*)$/.exec(entry.title);
  if (closed) return `Concern closed: ${concernOutcomeLabels[closed[1] as keyof typeof concernOutcomeLabels] ?? closed[1]}`;
  return entry.title;
}

/** Flags and due dates are whole days; everything else happened at a time. */
function whenOf(entry: ChronologyEntry): string {
  if (entry.kind === 'flag' || entry.kind === 'action') return formatIsoDate(entry.at.slice(0, 10));
  return formatDateTime(new Date(entry.at));
}

export function Chronology({ entries }: { entries: readonly ChronologyEntry[] }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [kind, setKind] = useState<'' | Kind>('');
  const [significantOnly, setSignificantOnly] = useState(false);
  const shown = entries.filter((entry) => (kind === '' || entry.kind === kind) && (!significantOnly || entry.significant));

  return (
    <section className="child-section" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        Chronology
      </h2>
      <div className="chronology__filters">
        <SelectField id={`${id}-kind`} label="Show" value={kind} onChange={(value) => setKind(value as '' | Kind)} placeholder="Everything" options={chronologyKinds.map((value) => ({ value, label: chronologyKindLabels[value] }))} />
        <CheckboxField id={`${id}-significant`} label="Significant events only" checked={significantOnly} onChange={setSignificantOnly} />
      </div>
      <p className="muted" aria-live="polite">
        {shown.length} of {entries.length} {entries.length === 1 ? 'entry' : 'entries'}, oldest first.
      </p>
      {shown.length === 0 ? (
        <p>Nothing to show.</p>
      ) : (
        <div className="table-wrap">
          <table className="table chronology">
            <caption className="visually-hidden">Chronology, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Detail</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr key={entry.id} className={entry.significant ? 'chronology__row chronology__row--significant' : 'chronology__row'} data-kind={entry.kind}>
                  <td className="chronology__when">{whenOf(entry)}</td>
                  <th scope="row" className="chronology__title">
                    {entry.significant && <span className="queue-tag queue-tag--significant">Significant</span>}{' '}
                    {entry.kind === 'concern' || entry.kind === 'addendum' ? <a href={hrefFor('concern', { concernId: entry.recordId })}>{titleOf(entry)}</a> : titleOf(entry)}
                  </th>
                  <td className="chronology__detail">
                    <LongText text={entry.detail} what={`“${titleOf(entry)}”, ${whenOf(entry)}`} />
                  </td>
                  <td>{entry.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
