// What the report is worked out from: the rows a query fetches in bulk, in plain shapes, so every measure can be
// tested on a small hand-built school. Instants are UTC ISO-8601 strings as stored (`toISOString()`).
import type { StaffGroup } from '../access/roles';

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

export interface ReportData {
  /** Concerns recorded in the previous period and the current one (anything else is ignored). */
  concerns: readonly ReportConcern[];
  staff: readonly ReportStaffMember[];
  pupils: readonly ReportPupil[];
  decisions: readonly ReportDecision[];
  referrals: readonly ReportReferral[];
  escalationStarts: readonly string[];
  concernClosings: readonly string[];
  /** Due dates (yyyy-MM-dd) of actions not yet completed. */
  openActionDueDates: readonly string[];
  /** Category id → the label the school uses. */
  categoryLabels: Readonly<Record<string, string>>;
  /** The school's closure dates (yyyy-MM-dd), which are not school days. */
  closureDates: readonly string[];
}
