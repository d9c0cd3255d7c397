// Fetches everything one report needs in a few bulk queries over the two periods (the previous one and the
// current one), then leaves the counting to the pure measures in shared/reports. Only the columns the measures
// use are read: no concern text, no child's name.
import { defaultCategories } from '../../../shared/concerns';
import type { ReportConcern, ReportData, ReportDecision, ReportPupil, ReportReferral, ReportStaffMember } from '../../../shared/reports';
import { readSettings } from '../settings';
import type { Store } from '../store';

/** Separates ids inside one group_concat: a control character no id or category key contains. */
const UNIT_SEPARATOR = '\u001f';

function statementsFor(db: Store) {
  return {
    // The report index (0006) covers recorded_at and the columns read here, so the table's wide text is never paged in.
    concerns: db
      .prepare(
        `SELECT c.recorded_at, c.read_at, c.immediate_danger, c.author_id,
           (SELECT group_concat(cp.pupil_id, char(31)) FROM concern_pupils cp WHERE cp.concern_id = c.id),
           (SELECT group_concat(cc.category, char(31)) FROM concern_categories cc WHERE cc.concern_id = c.id)
         FROM concerns c WHERE c.recorded_at >= ? AND c.recorded_at < ?`,
      )
      .raw(),
    staff: db.prepare('SELECT id, display_name AS name, staff_group AS staffGroup, status, created_at AS createdAt, disabled_at AS disabledAt FROM users'),
    pupils: db.prepare('SELECT id, year_group AS yearGroup, gender, sen_status AS senStatus, left_on AS leftOn FROM pupils'),
    decisions: db.prepare('SELECT pupil_id AS pupilId, decided_at AS decidedAt, decision FROM decisions WHERE decided_at >= ? AND decided_at < ?'),
    referrals: db.prepare(
      'SELECT pupil_id AS pupilId, agency, referred_at AS referredAt, acknowledgement_due AS acknowledgementDue, acknowledged_at AS acknowledgedAt FROM referrals WHERE referred_at >= ? AND referred_at < ?',
    ),
    escalations: db.prepare('SELECT started_at FROM escalations WHERE started_at >= ? AND started_at < ?').pluck(),
    closings: db.prepare('SELECT closed_at FROM concerns WHERE closed_at >= ? AND closed_at < ?').pluck(),
    openActions: db.prepare('SELECT due_on FROM actions WHERE completed_at IS NULL').pluck(),
    categories: db.prepare('SELECT id, label FROM concern_category_list'),
  };
}

const prepared = new WeakMap<Store, ReturnType<typeof statementsFor>>();
function statements(db: Store) {
  let found = prepared.get(db);
  if (!found) {
    found = statementsFor(db);
    prepared.set(db, found);
  }
  return found;
}

const split = (joined: string | null): string[] => (joined ? joined.split(UNIT_SEPARATOR) : []);

/** The rows for every measure over [start, end): UTC instants as stored. */
export function loadReportData(db: Store, span: { start: string; end: string }): ReportData {
  const query = statements(db);
  const concernRows = query.concerns.all(span.start, span.end) as Array<[string, string | null, number, string, string | null, string | null]>;
  const concerns: ReportConcern[] = new Array(concernRows.length);
  for (let index = 0; index < concernRows.length; index += 1) {
    const [recordedAt, readAt, immediateDanger, authorId, pupils, categories] = concernRows[index]!;
    concerns[index] = { recordedAt, readAt, immediateDanger: immediateDanger === 1, authorId, pupilIds: split(pupils), categories: split(categories) };
  }
  const categoryLabels: Record<string, string> = Object.fromEntries(defaultCategories.map((category) => [category.id, category.label]));
  for (const row of query.categories.all() as Array<{ id: string; label: string }>) categoryLabels[row.id] = row.label;
  return {
    concerns,
    staff: query.staff.all() as ReportStaffMember[],
    pupils: query.pupils.all() as ReportPupil[],
    decisions: query.decisions.all(span.start, span.end) as ReportDecision[],
    referrals: query.referrals.all(span.start, span.end) as ReportReferral[],
    escalationStarts: query.escalations.all(span.start, span.end) as string[],
    concernClosings: query.closings.all(span.start, span.end) as string[],
    openActionDueDates: query.openActions.all() as string[],
    categoryLabels,
    closureDates: readSettings(db).closureDates,
  };
}
