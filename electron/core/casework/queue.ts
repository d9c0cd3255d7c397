// The DSL review queue: what is new, open, waiting or overdue, filtered and paged in SQL so ten years of a large
// school's concerns stay quick (indexes in migrations 0001–0003).
import type { QueueFilters, QueueRow } from '../../../shared/api';
import { addCalendarDays, startOfLondonDay } from '../../../shared/calendar';
import { pupilDisplayName } from '../pupils/pupilDirectory';
import type { Store } from '../store';
import { todayInLondon } from './clocks';

type Tab = 'new' | 'open' | 'closed' | 'all';

const tabCondition: Record<Tab, string> = {
  new: "c.status = 'new'",
  open: "c.status IN ('read', 'open')",
  closed: "c.status = 'closed'",
  all: '1 = 1',
};

const orderBy = {
  priority: 'c.immediate_danger DESC, c.urgent DESC, c.recorded_at ASC',
  oldest: 'c.recorded_at ASC',
  newest: 'c.recorded_at DESC',
} as const;

/**
 * The filters as SQL. Counting wants `IN (subquery)` (the matching set is built once from the category and
 * year-group indexes); a page wants `EXISTS` (the queue's index is walked in order and stops after one page) —
 * measured at 150,000 concerns: 356 ms against 2 ms for the page, 28 ms for the count.
 */
function filterClause(filters: QueueFilters, mode: 'count' | 'page'): { sql: string; parameters: Record<string, string> } {
  const clauses: string[] = [];
  const parameters: Record<string, string> = {};
  if (filters.category) {
    clauses.push(
      mode === 'count'
        ? 'c.id IN (SELECT concern_id FROM concern_categories WHERE category = @category)'
        : 'EXISTS (SELECT 1 FROM concern_categories cc WHERE cc.concern_id = c.id AND cc.category = @category)',
    );
    parameters.category = filters.category;
  }
  if (filters.yearGroup) {
    clauses.push(
      mode === 'count'
        ? 'c.id IN (SELECT cp.concern_id FROM pupils p JOIN concern_pupils cp ON cp.pupil_id = p.id WHERE p.year_group = @yearGroup)'
        : 'EXISTS (SELECT 1 FROM concern_pupils cp JOIN pupils p ON p.id = cp.pupil_id WHERE cp.concern_id = c.id AND p.year_group = @yearGroup)',
    );
    parameters.yearGroup = filters.yearGroup;
  }
  if (filters.assignedTo) {
    clauses.push(filters.assignedTo === 'unassigned' ? 'c.assigned_to IS NULL' : 'c.assigned_to = @assignedTo');
    if (filters.assignedTo !== 'unassigned') parameters.assignedTo = filters.assignedTo;
  }
  if (filters.from) {
    clauses.push('c.recorded_at >= @from');
    parameters.from = startOfLondonDay(filters.from).toISOString();
  }
  if (filters.to) {
    clauses.push('c.recorded_at < @to');
    parameters.to = startOfLondonDay(addCalendarDays(filters.to, 1)).toISOString();
  }
  return { sql: clauses.length > 0 ? ` AND ${clauses.join(' AND ')}` : '', parameters };
}

interface QueueSqlRow {
  id: string;
  recorded_at: string;
  status: QueueRow['status'];
  immediate_danger: number;
  urgent: number;
  author_name: string;
  assigned_to: string | null;
  assigned_name: string | null;
  summary: string;
}

export function queueConcerns(db: Store, tab: Tab, filters: QueueFilters, sort: keyof typeof orderBy, offset: number, limit: number): { rows: QueueRow[]; total: number } {
  const counting = filterClause(filters, 'count');
  const total = db.prepare(`SELECT count(*) FROM concerns c WHERE ${tabCondition[tab]}${counting.sql}`).pluck().get(counting.parameters) as number;
  const filter = filterClause(filters, 'page');
  const where = `${tabCondition[tab]}${filter.sql}`;
  // The page is chosen from concerns alone (an index walk that stops after `limit` rows), then joined to names.
  const page = db
    .prepare(
      `SELECT c.id, c.recorded_at, c.status, c.immediate_danger, c.urgent, author.display_name AS author_name,
         c.assigned_to, assignee.display_name AS assigned_name, substr(c.what_happened, 1, 160) AS summary
       FROM (SELECT * FROM concerns c WHERE ${where} ORDER BY ${orderBy[sort]} LIMIT @limit OFFSET @offset) c
       JOIN users author ON author.id = c.author_id
       LEFT JOIN users assignee ON assignee.id = c.assigned_to
       ORDER BY ${orderBy[sort]}`,
    )
    .all({ ...filter.parameters, limit, offset }) as QueueSqlRow[];
  const ids = JSON.stringify(page.map((row) => row.id));
  const pupils = db
    .prepare(
      `SELECT cp.concern_id, p.id AS pupil_id, p.legal_first_name, p.legal_last_name, p.preferred_name, p.year_group
       FROM concern_pupils cp JOIN pupils p ON p.id = cp.pupil_id WHERE cp.concern_id IN (SELECT value FROM json_each(?)) ORDER BY cp.rowid`,
    )
    .all(ids) as Array<{ concern_id: string; pupil_id: string; legal_first_name: string; legal_last_name: string; preferred_name: string | null; year_group: string | null }>;
  const categories = db.prepare('SELECT concern_id, category FROM concern_categories WHERE concern_id IN (SELECT value FROM json_each(?))').all(ids) as Array<{ concern_id: string; category: string }>;
  const rows = page.map((row) => {
    const mine = pupils.filter((pupil) => pupil.concern_id === row.id);
    return {
      id: row.id,
      recordedAt: row.recorded_at,
      status: row.status,
      immediateDanger: row.immediate_danger === 1,
      urgent: row.urgent === 1,
      authorName: row.author_name,
      pupilNames: mine.map((pupil) => pupilDisplayName({ legalFirstName: pupil.legal_first_name, legalLastName: pupil.legal_last_name, preferredName: pupil.preferred_name })),
      pupils: mine.map((pupil) => ({ id: pupil.pupil_id, name: pupilDisplayName({ legalFirstName: pupil.legal_first_name, legalLastName: pupil.legal_last_name, preferredName: pupil.preferred_name }) })),
      yearGroups: [...new Set(mine.map((pupil) => pupil.year_group).filter((year): year is string => year !== null))],
      categories: categories.filter((category) => category.concern_id === row.id).map((category) => category.category),
      assignedTo: row.assigned_to,
      assignedToName: row.assigned_name,
      summary: row.summary,
    };
  });
  return { rows, total };
}

export function queueCounts(db: Store, filters: QueueFilters, now: Date) {
  const filter = filterClause(filters, 'count');
  const count = (condition: string) => db.prepare(`SELECT count(*) FROM concerns c WHERE ${condition}${filter.sql}`).pluck().get(filter.parameters) as number;
  const nowIso = now.toISOString();
  const today = todayInLondon(now);
  const soon = addCalendarDays(today, 7);
  return {
    new: count(tabCondition.new),
    open: count(tabCondition.open),
    referralsAwaiting: db.prepare('SELECT count(*) FROM referrals WHERE outcome_at IS NULL').pluck().get() as number,
    referralsOverdue: db
      .prepare('SELECT count(*) FROM referrals WHERE outcome_at IS NULL AND ((acknowledged_at IS NULL AND acknowledgement_due < @now) OR (acknowledged_at IS NOT NULL AND outcome_due < @now))')
      .pluck()
      .get({ now: nowIso }) as number,
    actionsDue: db.prepare('SELECT count(*) FROM actions WHERE completed_at IS NULL AND due_on <= ?').pluck().get(soon) as number,
    reviewsDue: db.prepare('SELECT count(*) FROM reviews WHERE ended_at IS NULL AND next_due_on <= ?').pluck().get(soon) as number,
  };
}
