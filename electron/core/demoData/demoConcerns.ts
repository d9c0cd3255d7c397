// The synthetic concern log: concerns on school days across several school years, about the children who were on
// roll then, mostly about a minority of children (as in real schools), in the categories and proportions a DSL
// would recognise, with the statuses that their age implies.
import { v7 as uuidv7 } from 'uuid';
import { londonDateTime } from '../../../shared/calendar';
import type { ConcernStatus, NewConcern } from '../concerns';
import { actionsTaken, fillTemplate, locations, othersPresentOptions, templatesByCategory } from './concernTexts';
import type { DemoPupil } from './demoPupils';
import type { DemoStaffMember } from './demoStaff';
import type { Random } from './random';
import { schoolDays, schoolYearStarting } from './schoolCalendar';

/** Relative frequency of each KCSIE category among concerns logged in a typical school. */
const categoryWeights: ReadonlyArray<readonly [string, number]> = [
  ['mental-health', 18], ['neglect', 12], ['emotional-abuse', 10], ['child-on-child', 10], ['attendance', 9], ['domestic-abuse', 8],
  ['online-safety', 7], ['physical-abuse', 6], ['self-harm', 5], ['other', 5], ['young-carer', 2], ['missing', 2], ['sexual-abuse', 2],
  ['cce', 1.2], ['cse', 0.8], ['radicalisation', 0.5], ['honour-based-abuse', 0.3], ['private-fostering', 0.3], ['forced-marriage', 0.2], ['fgm', 0.2],
];
/** Categories that make no sense for young children in demo data. */
const olderChildrenOnly = new Set(['cse', 'cce', 'radicalisation', 'forced-marriage', 'self-harm', 'honour-based-abuse']);
const girlsOnly = new Set(['fgm', 'forced-marriage', 'honour-based-abuse']);
/** Where an immediate-danger concern is plausible. */
const mayBeImmediateDanger = new Set(['physical-abuse', 'sexual-abuse', 'self-harm', 'cce', 'domestic-abuse', 'missing']);

const authorWeightByGroup = { teaching: 5, support: 4, midday: 2, office: 1, leadership: 2, other: 0.5 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export interface ConcernPlanContext {
  pupils: readonly DemoPupil[];
  staff: readonly DemoStaffMember[];
  /** Who reads concerns: the DSL and the deputies. */
  dslIds: readonly string[];
  /** The school year the demo is set in, and how many school years of history to make. */
  schoolYearStart: number;
  schoolYears: number;
  firstYearIndex: number;
  /** The demo's "now": nothing is dated after it. */
  asOf: Date;
}

/** Pupils on roll in each past school year, with running weights for picking by weight quickly. */
function eligibleByYearsAgo(context: ConcernPlanContext) {
  return Array.from({ length: context.schoolYears }, (_, yearsAgo) => {
    const pupils = context.pupils.filter((pupil) => pupil.yearIndex - yearsAgo >= context.firstYearIndex);
    let total = 0;
    const cumulative = pupils.map((pupil) => (total += pupil.concernWeight));
    return { pupils, cumulative, total };
  });
}

/** Picks from `bucket.pupils` (or any list) by the running weights beside it, in logarithmic time. */
function pickWeighted<T>(random: Random, bucket: { pupils: readonly T[]; cumulative: readonly number[]; total: number }): T {
  const roll = random.next() * bucket.total;
  let low = 0;
  let high = bucket.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bucket.cumulative[middle]! > roll) high = middle;
    else low = middle + 1;
  }
  return bucket.pupils[low]!;
}

/** Why generated concerns were closed: every closure carries an outcome and a reason, as the app requires. */
const closingOutcomes = [
  { outcome: 'monitored_resolved', reason: 'Monitored for four weeks; no further worries from staff or the child.' },
  { outcome: 'support_provided', reason: 'Pastoral support in school; the child says things are better at home.' },
  { outcome: 'no_further_action', reason: 'Explanation confirmed with the parent and consistent with the injury.' },
  { outcome: 'early_help', reason: 'Early help assessment agreed with the family; TAF meetings in place.' },
  { outcome: 'referred', reason: 'Referred to the front door; assessment concluded and the case is held by social care.' },
] as const;

function statusForAge(random: Random, ageDays: number): ConcernStatus {
  if (ageDays < 2) return random.weighted<ConcernStatus>([['new', 7], ['read', 3]]);
  if (ageDays < 14) return random.weighted<ConcernStatus>([['new', 1], ['read', 4], ['open', 5]]);
  if (ageDays < 60) return random.weighted<ConcernStatus>([['read', 1], ['open', 5], ['closed', 4]]);
  return random.weighted<ConcernStatus>([['open', 8], ['closed', 92]]);
}

const isoMinute = (ms: number) => new Date(ms).toISOString();

/** London's offset from UTC on each school day. Clocks change early on Sunday mornings, never on a school day. */
const londonOffsets = new Map<string, number>();
function londonInstant(day: string, time: string): number {
  let offset = londonOffsets.get(day);
  if (offset === undefined) {
    offset = londonDateTime(day, '12:00').getTime() - Date.parse(`${day}T12:00:00Z`);
    londonOffsets.set(day, offset);
  }
  return Date.parse(`${day}T${time}:00Z`) + offset;
}

/** Yields `count` concerns one at a time, so a large log never sits in memory; the same random state gives the same concerns. */
export function* generateConcerns(random: Random, count: number, context: ConcernPlanContext): Generator<NewConcern & { id: string }> {
  const asOfMs = context.asOf.getTime();
  const days = Array.from({ length: context.schoolYears }, (_, yearsAgo) => schoolDays(context.schoolYearStart - yearsAgo))
    .flat()
    .filter((day) => Date.parse(`${day}T07:00:00Z`) < asOfMs);
  if (days.length === 0) throw new Error('There are no school days before the demo date; choose a later --as-of date.');
  const buckets = eligibleByYearsAgo(context);
  let authorTotal = 0;
  const authors = { pupils: context.staff, cumulative: context.staff.map((member) => (authorTotal += authorWeightByGroup[member.staffGroup])), total: authorTotal };
  // Concerns are made in date order, as they are logged in real life: ids (UUID v7, time first) then arrive in
  // order, and a large log is written at the end of its indexes instead of all over them.
  const dayIndexes = Float64Array.from({ length: count }, () => Math.floor(random.next() * days.length)).sort();

  for (let index = 0; index < count; index += 1) {
    const day = days[dayIndexes[index]!]!;
    const yearsAgo = context.schoolYearStart - schoolYearStarting(day);
    const bucket = buckets[yearsAgo]!;
    if (bucket.pupils.length === 0) throw new Error('No pupils were on roll in one of the demo years; add more pupils.');
    const subject = pickWeighted(random, bucket);
    const yearThen = subject.yearIndex - yearsAgo;

    let category = random.weighted(categoryWeights);
    while ((yearThen < 7 && olderChildrenOnly.has(category)) || (subject.gender === 'M' && girlsOnly.has(category))) category = random.weighted(categoryWeights);
    const categories = [category];
    if (random.chance(0.2)) {
      const second = random.weighted(categoryWeights);
      if (!olderChildrenOnly.has(second) && !girlsOnly.has(second)) categories.push(second);
    }

    const pupils: NewConcern['pupils'][number][] = [{ pupilId: subject.id, part: 'subject' }];
    const others = () => pickWeighted(random, bucket);
    if (category === 'child-on-child' && random.chance(0.7)) pupils.push({ pupilId: others().id, part: 'involved' });
    if (random.chance(0.1)) pupils.push({ pupilId: others().id, part: 'witness' });
    const uniquePupils = pupils.filter((pupil, position) => pupils.findIndex((other) => other.pupilId === pupil.pupilId) === position);

    const time = `${String(random.int(8, 15)).padStart(2, '0')}:${String(random.int(0, 11) * 5).padStart(2, '0')}`;
    const occurredMs = londonInstant(day, time);
    const lateRecord = random.chance(0.2);
    let recordedMs = occurredMs + (lateRecord ? DAY_MS - random.int(0, 180) * MINUTE_MS : random.int(5, 180) * MINUTE_MS);
    if (recordedMs > asOfMs) recordedMs = Math.min(asOfMs, occurredMs + 5 * MINUTE_MS);

    const template = templatesByCategory[category]!;
    const name = subject.preferredName ?? subject.legalFirstName;
    const immediateDanger = mayBeImmediateDanger.has(category) && random.chance(0.03);
    const urgent = immediateDanger || random.chance(0.05);
    const status = statusForAge(random, (asOfMs - recordedMs) / DAY_MS);
    const readMs = Math.min(asOfMs, recordedMs + random.int(10, 24 * 60) * MINUTE_MS);
    const readBy = status === 'new' ? null : random.pick(context.dslIds);
    const closure =
      status === 'closed' && readBy
        ? { ...random.pick(closingOutcomes), closedAt: isoMinute(Math.min(asOfMs, readMs + random.int(1, 40) * DAY_MS)), closedBy: readBy }
        : undefined;

    yield {
      id: uuidv7({ msecs: recordedMs, random: random.bytes(16) }),
      authorId: pickWeighted(random, authors).id,
      occurredAt: isoMinute(occurredMs),
      recordedAt: isoMinute(recordedMs),
      location: random.pick(locations),
      othersPresent: random.pick(othersPresentOptions),
      whatHappened: fillTemplate(random.pick(template.whatHappened), random, name, 'staff'),
      childWords: random.chance(0.65) ? fillTemplate(random.pick(template.childWords), random, name, 'child') : '',
      actionTaken: immediateDanger ? 'Called 999 and stayed with the child; told the DSL in person straight away.' : random.pick(actionsTaken),
      immediateDanger,
      urgent,
      spokenToDsl: urgent ? (immediateDanger || random.chance(0.8) ? 'yes' : 'no') : null,
      fgmPoliceReference: category === 'fgm' && random.chance(0.6) ? `${random.pick(['WMP', 'MPS', 'LEIC'])}-${day.slice(0, 4)}-${String(random.int(0, 999999)).padStart(6, '0')}` : '',
      status,
      readAt: status === 'new' ? null : isoMinute(readMs),
      readBy,
      pupils: uniquePupils,
      categories: [...new Set(categories)],
      ...(closure ? { closure } : {}),
    };
  }
}
