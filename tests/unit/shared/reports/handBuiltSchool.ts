// A small school whose report is worked out by hand in measures.test.ts. November 2026 is on GMT, so UTC times
// below are London times. The period is Monday 02/11/2026 to Sunday 15/11/2026; the 14 days before it are the
// comparison; "today" is Friday 20/11/2026; Friday 13/11/2026 is an INSET (closure) day.
import { resolvePeriods, summarisePeriod, type OutcomeSources, type ReportConcern, type ReportData, type ReportStaffMember } from '../../../../shared/reports';

const staff = (id: string, name: string, staffGroup: ReportStaffMember['staffGroup'], extra: Partial<ReportStaffMember> = {}): ReportStaffMember => ({
  id,
  name,
  staffGroup,
  status: 'active',
  createdAt: '2020-01-01T00:00:00.000Z',
  disabledAt: null,
  ...extra,
});

const concern = (recordedAt: string, authorId: string, pupilIds: string[], categories: string[], readAt: string | null, immediateDanger = false): ReportConcern => ({
  recordedAt: `${recordedAt}:00.000Z`,
  readAt: readAt === null ? null : `${readAt}:00.000Z`,
  authorId,
  pupilIds,
  categories,
  immediateDanger,
});

export const NOW = new Date('2026-11-20T12:00:00.000Z');
export const PERIOD = { kind: 'custom', from: '2026-11-02', to: '2026-11-15' } as const;

/** The concerns, as staff logged them and a DSL read them. */
export const concerns: ReportConcern[] = [
  // The period.
  concern('2026-11-02T09:00', 's1', ['p1'], ['neglect'], '2026-11-02T09:35'), // 35 minutes, same day
  concern('2026-11-03T10:00', 's1', ['p1'], ['neglect', 'mental-health'], '2026-11-03T11:00'), // 60 minutes
  concern('2026-11-04T12:00', 's2', ['p1', 'p2'], ['child-on-child'], '2026-11-04T12:10'), // 10 minutes; two Year 3 children
  concern('2026-11-06T16:50', 's3', ['p3'], ['neglect'], '2026-11-09T08:10'), // Friday 16:50 → Monday 08:10: 3,800 minutes, NOT the same school day
  concern('2026-11-07T10:00', 's2', ['p4'], ['physical-abuse'], '2026-11-09T08:30', true), // Saturday → Monday 08:30: 2,790 minutes, same school day
  concern('2026-11-10T09:00', 's7', ['p5'], [], '2026-11-10T09:05', true), // 5 minutes; not categorised
  concern('2026-11-12T14:00', 's1', ['p1'], ['neglect'], null), // never read
  concern('2026-11-13T08:00', 's5', ['p2'], ['mental-health'], '2026-11-16T09:00'), // INSET Friday → Monday: 4,380 minutes, same school day
  // The 14 days before.
  concern('2026-10-26T09:00', 's1', ['p1'], ['neglect'], '2026-10-26T09:20'), // 20
  concern('2026-10-27T09:00', 's1', ['p3'], ['neglect'], '2026-10-27T10:00'), // 60
  concern('2026-10-28T09:00', 's2', ['p1'], ['mental-health'], '2026-10-29T09:00'), // 1,440, next day
  concern('2026-10-29T09:00', 's1', ['p1'], ['neglect'], '2026-10-29T09:30'), // 30
  concern('2026-10-30T09:00', 's1', ['p2'], ['online-safety'], '2026-10-30T09:10'), // 10
  // Outside both periods: ignored.
  concern('2026-09-01T09:00', 's4', ['p4'], ['neglect'], '2026-09-01T09:01'),
];

/** What the DSLs did, as rows: decisions, referrals, escalations and closings. */
export const outcomeRows: OutcomeSources = {
  decisions: [
    { pupilId: 'p1', decidedAt: '2026-11-03T12:00:00.000Z', decision: 'monitor' },
    { pupilId: 'p3', decidedAt: '2026-11-05T12:00:00.000Z', decision: 'early_help' },
    { pupilId: 'p5', decidedAt: '2026-11-10T12:00:00.000Z', decision: 'mash_referral' },
    { pupilId: 'p3', decidedAt: '2026-10-27T12:00:00.000Z', decision: 'monitor' },
  ],
  referrals: [
    // Acknowledged the next working day: in time.
    { pupilId: 'p5', agency: 'mash', referredAt: '2026-11-10T10:00:00.000Z', acknowledgementDue: '2026-11-11T23:59:59.999Z', acknowledgedAt: '2026-11-11T15:00:00.000Z' },
    // Due by the end of Friday 13/11, acknowledged on Monday 16/11: late.
    { pupilId: 'p1', agency: 'early_help', referredAt: '2026-11-12T10:00:00.000Z', acknowledgementDue: '2026-11-13T23:59:59.999Z', acknowledgedAt: '2026-11-16T09:00:00.000Z' },
  ],
  escalationStarts: ['2026-11-14T10:00:00.000Z'],
  concernClosings: ['2026-11-05T10:00:00.000Z', '2026-11-06T10:00:00.000Z', '2026-10-28T10:00:00.000Z', '2025-01-01T10:00:00.000Z'],
};

const periods = resolvePeriods(PERIOD, '2026-11-20');

/** The school with a different set of concerns (the rest as below), counted the reference way. */
export const schoolWith = (logged: readonly ReportConcern[]): ReportData => ({
  ...school,
  current: summarisePeriod(logged, outcomeRows, periods.current, NOW.toISOString()),
  previous: summarisePeriod(logged, outcomeRows, periods.previous, NOW.toISOString()),
});

export const school: ReportData = {
  current: summarisePeriod(concerns, outcomeRows, periods.current, NOW.toISOString()),
  previous: summarisePeriod(concerns, outcomeRows, periods.previous, NOW.toISOString()),
  staff: [
    staff('s1', 'Alice Teacher', 'teaching'),
    staff('s2', 'Bob Assistant', 'support'),
    staff('s3', 'Cara Midday', 'midday'),
    staff('s4', 'Dan Office', 'office'),
    staff('s5', 'Eve Head', 'leadership'),
    // Left before either period began: counted in neither.
    staff('s6', 'Fay Volunteer', 'other', { status: 'disabled', disabledAt: '2026-10-01T12:00:00.000Z' }),
    // Joined during the period: active in it, not in the one before.
    staff('s7', 'Gus Teacher', 'teaching', { createdAt: '2026-11-10T08:00:00.000Z' }),
  ],
  pupils: [
    { id: 'p1', yearGroup: '3', gender: 'F', senStatus: 'K - SEN Support', leftOn: null },
    { id: 'p2', yearGroup: '3', gender: 'M', senStatus: 'N - No Special Educational Need', leftOn: null },
    { id: 'p3', yearGroup: '5', gender: 'Female', senStatus: 'E - EHC Plan', leftOn: null },
    { id: 'p4', yearGroup: 'R', gender: 'M', senStatus: null, leftOn: null },
    { id: 'p5', yearGroup: '6', gender: 'F', senStatus: 'N', leftOn: null },
  ],
  openActionDueDates: ['2026-11-19', '2026-11-20', '2026-11-21', '2026-10-01'],
  categoryLabels: { neglect: 'Neglect', 'mental-health': 'Mental health', 'child-on-child': 'Child-on-child abuse', 'physical-abuse': 'Physical abuse', 'online-safety': 'Online safety' },
  closureDates: ['2026-11-13'],
};
