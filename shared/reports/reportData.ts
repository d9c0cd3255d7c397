// What the report is worked out from: the rows a query fetches in bulk, in plain shapes, so every measure can be
// tested on a small hand-built school. Instants are UTC ISO-8601 strings as stored (`toISOString()`).
import type { StaffGroup } from '../access/roles';

/** One concern as the reference summary reads it (tests and the store agreement check build these by hand). */
export interface ReportConcern {
  recordedAt: string;
  readAt: string | null;
  immediateDanger: boolean;
  authorId: string;
  pupilIds: readonly string[];
  /** Category ids; empty while nobody has categorised it. */
  categories: readonly string[];
}

export interface ReportStaffMember {
  id: string;
  name: string;
  staffGroup: StaffGroup;
  status: 'active' | 'disabled';
  createdAt: string;
  disabledAt: string | null;
}

export interface ReportPupil {
  id: string;
  /** As on the roster now ('R', '1' … '13', or whatever the MIS sent). */
  yearGroup: string | null;
  gender: string | null;
  senStatus: string | null;
  /** The date the pupil left (yyyy-MM-dd): their year group stopped moving up then. */
  leftOn: string | null;
}

export interface ReportDecision {
  pupilId: string;
  decidedAt: string;
  decision: string;
}

export interface ReportReferral {
  pupilId: string;
  agency: string;
  referredAt: string;
  /** The deadline worked out when the referral was made (1 working day unless the local pack says otherwise). */
  acknowledgementDue: string;
  acknowledgedAt: string | null;
}

/**
 * What one period's concerns come to: counted by the store's indexes (electron/core/reports), or from plain concerns
 * by `summariseConcerns` — the reference the store's counting is tested against. Nothing here names a child's words.
 */
export interface ConcernFacts {
  /** Concerns by the London date they were recorded and the London date a DSL first read them (null: not yet read). */
  readingByDay: ReadonlyArray<{ recordedOn: string; readOn: string | null; concerns: number }>;
  /** Read concerns by whole minutes from logging to a DSL first reading them, in any order. */
  minutesToRead: ReadonlyArray<{ minutes: number; concerns: number }>;
  /** The immediate-danger concerns: whole minutes to first read, null while unread. */
  immediateDangerMinutes: ReadonlyArray<number | null>;
  /** Accounts that logged at least one concern. */
  authorIds: readonly string[];
  /** Concerns per category id (a concern in two categories counts in both). */
  byCategory: ReadonlyArray<{ category: string; concerns: number }>;
  /** Concerns nobody has categorised yet. */
  uncategorised: number;
  /** How many concerns were about each pupil in each school year (the year starting in September). */
  pupilSchoolYears: ReadonlyArray<{ pupilId: string; schoolYear: number; concerns: number }>;
  /** Concerns about more than one pupil, so two children in one year group count that concern once. */
  sharedConcerns: ReadonlyArray<{ schoolYear: number; pupilIds: readonly string[] }>;
}

/** What the DSLs did in one period: counted by the store, or from plain rows by `outcomesIn` (the reference). */
export interface Outcomes {
  decisionsByType: ReadonlyMap<string, number>;
  decisions: number;
  referralsMade: number;
  /** Referrals made in the period whose acknowledgement deadline has passed: the only ones timeliness can judge. */
  referralsDue: number;
  /** Of those, acknowledged by the deadline. */
  acknowledgedInTime: number;
  escalated: number;
  /** Children with an early help decision or an early help referral in the period. */
  earlyHelpStarted: number;
  concernsClosed: number;
}

export interface PeriodFacts {
  concerns: ConcernFacts;
  outcomes: Outcomes;
}

export interface ReportData {
  /** The chosen period and the previous equivalent one. */
  current: PeriodFacts;
  previous: PeriodFacts;
  staff: readonly ReportStaffMember[];
  pupils: readonly ReportPupil[];
  /** Due dates (yyyy-MM-dd) of actions not yet completed. */
  openActionDueDates: readonly string[];
  /** Category id → the label the school uses. */
  categoryLabels: Readonly<Record<string, string>>;
  /** The school's closure dates (yyyy-MM-dd), which are not school days. */
  closureDates: readonly string[];
}
