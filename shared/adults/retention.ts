// How long a record about an adult is kept (KCSIE Part 4 and the IRMS toolkit), as a date on every record. Nothing is
// destroyed by the app: a date tells the school when to review, and a malicious allegation is offered for removal.
import { addCalendarDays } from '../calendar/isoDate';
import type { AdultConcernKind } from '../access/adultConcernRules';

export const allegationOutcomes = ['substantiated', 'false', 'malicious', 'unsubstantiated', 'unfounded'] as const;
export type AllegationOutcome = (typeof allegationOutcomes)[number];

/** KCSIE Part 4's definitions, shown beside the choice so the case manager picks by meaning, not by word. */
export const allegationOutcomeLabels: Record<AllegationOutcome, { label: string; meaning: string }> = {
  substantiated: { label: 'Substantiated', meaning: 'There is sufficient evidence to prove the allegation.' },
  false: { label: 'False', meaning: 'There is sufficient evidence to disprove the allegation.' },
  malicious: { label: 'Malicious', meaning: 'There is sufficient evidence to disprove the allegation and there has been a deliberate act to deceive.' },
  unsubstantiated: { label: 'Unsubstantiated', meaning: 'There is insufficient evidence either to prove or disprove the allegation; it does not imply guilt or innocence.' },
  unfounded: { label: 'Unfounded', meaning: 'There is no evidence or proper basis which supports the allegation being made.' },
};

export type AdultRetention =
  | { kind: 'until_leaves'; date: string | null; explanation: string }
  | { kind: 'date'; date: string; explanation: string }
  | { kind: 'offer_removal'; date: null; explanation: string };

function addYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  // 29 February plus whole years lands on 1 March in a common year: never earlier than the full period.
  const target = `${String(year + years).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return month === 2 && day === 29 && !isLeap(year + years) ? addCalendarDays(`${String(year + years).padStart(4, '0')}-02-28`, 1) : target;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * State pension age by date of birth (Pensions Acts 2007, 2011, 2014), the normal pension age for most school staff.
 * Where the law phases it in by months, the later age is taken, so a record is never dated before it may go.
 */
export function normalPensionAge(dateOfBirth: string): number {
  if (dateOfBirth < '1960-04-06') return 66;
  if (dateOfBirth < '1977-04-06') return 67;
  return 68;
}

export interface RetentionFacts {
  kind: AdultConcernKind;
  /** London date the concern or allegation was recorded. */
  recordedOn: string;
  outcome: AllegationOutcome | null;
  /** The date the person left the school's employment, once known. */
  personLeftOn: string | null;
  /** The person's date of birth, if the case manager recorded it (for the pension-age date). */
  dateOfBirth: string | null;
}

/**
 * A low-level concern: at least until the person leaves. An allegation: until their normal pension age or 10 years
 * from the allegation, whichever is longer. A malicious allegation: not kept — offered for removal.
 */
export function adultConcernRetention(facts: RetentionFacts): AdultRetention {
  if (facts.kind === 'low_level') {
    return facts.personLeftOn
      ? { kind: 'until_leaves', date: facts.personLeftOn, explanation: 'Kept at least until the person left the school’s employment.' }
      : { kind: 'until_leaves', date: null, explanation: 'Kept at least until the person leaves the school’s employment.' };
  }
  if (facts.outcome === 'malicious') {
    return { kind: 'offer_removal', date: null, explanation: 'A malicious allegation is not kept on the personnel record: remove it once the case is closed.' };
  }
  const tenYears = addYears(facts.recordedOn, 10);
  if (!facts.dateOfBirth) {
    return { kind: 'date', date: tenYears, explanation: '10 years from the allegation, or the person’s normal pension age if later: record their date of birth to check.' };
  }
  const pension = addYears(facts.dateOfBirth, normalPensionAge(facts.dateOfBirth));
  return pension > tenYears
    ? { kind: 'date', date: pension, explanation: 'Until the person’s normal pension age, which is later than 10 years from the allegation.' }
    : { kind: 'date', date: tenYears, explanation: '10 years from the allegation, which is later than the person’s normal pension age.' };
}
