// The culture report as it crosses the boundary: what the dashboard draws, what the CSV and the governors' PDF
// print. Numbers that a governors' view suppresses are absent (null), not hidden: they never leave the core.
import { z } from 'zod';
import { calendarDateSchema } from '../api/fields';
import { staffGroups } from '../access/roles';

const isoDate = calendarDateSchema('Enter the date as a date, for example 22/11/2026');

export const reportAudiences = ['head', 'governors'] as const;
export type ReportAudience = (typeof reportAudiences)[number];

export const periodKinds = ['this_term', 'last_term', 'this_school_year', 'last_school_year', 'custom'] as const;
export type PeriodKind = (typeof periodKinds)[number];

/** Longest custom period: twenty years, enough for a trust's whole history. */
export const MAX_CUSTOM_PERIOD_DAYS = 20 * 366;

export const periodChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('this_term') }),
  z.object({ kind: z.literal('last_term') }),
  z.object({ kind: z.literal('this_school_year') }),
  z.object({ kind: z.literal('last_school_year') }),
  z
    .object({ kind: z.literal('custom'), from: isoDate, to: isoDate })
    .refine((value) => value.from <= value.to, { path: ['to'], message: 'The end date must be on or after the start date' })
    .refine((value) => (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 < MAX_CUSTOM_PERIOD_DAYS, { path: ['from'], message: 'Choose a period of at most 20 years' }),
]);
export type PeriodChoice = z.infer<typeof periodChoiceSchema>;

export const reportPeriodSchema = z.object({
  /** First and last London calendar dates, both included. */
  from: z.string(),
  to: z.string(),
  /** Short, for sentences: "Autumn term 2026 so far", "the term before". */
  name: z.string(),
  /** With the dates: "Autumn term 2026 so far (01/09/2026 to 20/11/2026)". */
  label: z.string(),
});
export type ReportPeriod = z.infer<typeof reportPeriodSchema>;

/** One number as shown: `value` is null when it is suppressed for governors or cannot be worked out. */
export const figureSchema = z.object({
  value: z.number().nullable(),
  display: z.string(),
  suppressed: z.boolean(),
});
export type Figure = z.infer<typeof figureSchema>;

export const comparisonSchema = z.object({
  current: figureSchema,
  previous: figureSchema,
  /**
   * "up 18%", "down 5%", "no change" for counts and times; "up 5 percentage points" for shares. Null when there is
   * nothing to compare with or a figure is suppressed.
   */
  change: z.string().nullable(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const breakdownRowSchema = z.object({ key: z.string(), label: z.string(), current: figureSchema, previous: figureSchema, change: z.string().nullable() });
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;

export const breakdownSchema = z.object({
  title: z.string(),
  definition: z.string(),
  rows: z.array(breakdownRowSchema),
  total: comparisonSchema,
});
export type Breakdown = z.infer<typeof breakdownSchema>;

const measureText = { title: z.string(), definition: z.string() };

export const reportViewSchema = z.object({
  audience: z.enum(reportAudiences),
  period: reportPeriodSchema,
  previous: reportPeriodSchema,
  producedAt: z.string(),
  narrative: z.array(z.string()),
  /** Present for governors: how small numbers were protected. */
  suppressionNote: z.string().nullable(),
  concernsLogged: z.object({
    ...measureText,
    total: comparisonSchema,
    granularity: z.enum(['week', 'month']),
    /** One entry per week (7-day block from the period's first day) or calendar month; the previous period aligned by position. */
    series: z.array(z.object({ label: z.string(), from: z.string(), current: z.number(), previous: z.number().nullable() })),
    trend: z.enum(['rising', 'falling', 'steady']),
    trendDefinition: z.string(),
  }),
  vigilance: z.object({
    ...measureText,
    activeStaff: comparisonSchema,
    staffWhoLogged: comparisonSchema,
    share: comparisonSchema,
    byGroup: z.object({
      definition: z.string(),
      rows: z.array(z.object({ group: z.enum(staffGroups), label: z.string(), activeStaff: figureSchema, staffWhoLogged: figureSchema, share: figureSchema, previousShare: figureSchema })),
    }),
    /** Head only: null in the governors' view, which never names staff. */
    neverLogged: z.array(z.object({ name: z.string(), staffGroup: z.enum(staffGroups), groupLabel: z.string(), stillActive: z.boolean() })).nullable(),
    neverLoggedDefinition: z.string(),
  }),
  byCategory: breakdownSchema,
  byYearGroup: breakdownSchema,
  bySen: breakdownSchema,
  byGender: breakdownSchema,
  responsiveness: z.object({
    ...measureText,
    readCount: comparisonSchema,
    unreadCount: comparisonSchema,
    medianMinutes: comparisonSchema,
    p90Minutes: comparisonSchema,
    sameSchoolDayShare: comparisonSchema,
    sameSchoolDayDefinition: z.string(),
  }),
  immediateDanger: z.object({
    ...measureText,
    count: comparisonSchema,
    medianMinutes: comparisonSchema,
    slowestMinutes: comparisonSchema,
    unread: comparisonSchema,
  }),
  outcomes: z.object({
    decisionsByType: breakdownSchema,
    referralsMade: comparisonSchema.extend(measureText),
    /** Made in the period and past their acknowledgement deadline now: the denominator of the share below. */
    referralsDue: comparisonSchema.extend(measureText),
    acknowledgedInTime: comparisonSchema.extend(measureText),
    acknowledgedInTimeShare: comparisonSchema,
    escalated: comparisonSchema.extend(measureText),
    earlyHelpStarted: comparisonSchema.extend(measureText),
    concernsClosed: comparisonSchema.extend(measureText),
    overdueActionsNow: figureSchema.extend(measureText),
  }),
  repeatConcerns: comparisonSchema.extend(measureText),
  /** Concerns about adults (KCSIE Part 4), by term: counts only, always suppressed (shared/adults/cultureCounts). */
  adults: z
    .object({
      title: z.string(),
      definition: z.string(),
      terms: z.array(
        z.object({
          term: z.string(),
          lowLevel: figureSchema,
          allegations: figureSchema,
          outcomes: z.record(z.enum(['substantiated', 'false', 'malicious', 'unsubstantiated', 'unfounded', 'open']), figureSchema),
        }),
      ),
    })
    .optional(),
});
export type ReportView = z.infer<typeof reportViewSchema>;
