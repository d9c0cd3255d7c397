// The DSL review queue: what is new, open, waiting or overdue, filtered and paged in SQL so ten years of a large
// school's concerns stay quick (indexes in migrations 0001–0007).
import type { QueueFilters, QueueRow } from '../../../shared/api';
import { addCalendarDays, startOfLondonDay } from '../../../shared/calendar';
import { pupilDisplayName } from '../pupils/pupilDirectory';
import { bringTalliesUpToDate } from '../reports/reportTallies';
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
type Sort = keyof typeof orderBy;

interface Candidates {
  /** Where the candidate concerns come from: the concerns table, or one of the links' copies (migration 0016). */
  source: string;
  /** The candidate's concern id in `source`. */
  id: string;
  where: string;
  parameters: Record<string, string>;
  order: Record<Sort, string>;
}

/** The copy of the links each combination of category and year group is read from, and the keys it is looked up by. */
function copyFor(filters: QueueFilters): { table: string; keys: Array<'category' | 'yearGroup'> } {
  if (filters.category && filters.yearGroup) return { table: 'concern_category_years', keys: ['category', 'yearGroup'] };
  return filters.category ? { table: 'concern_category_dates', keys: ['category'] } : { table: 'concern_year_group_dates', keys: ['yearGroup'] };
}

/**
 * The filters as SQL that starts from the narrowest index. A category, a year group or both are read from a copy of
 * the links that holds each concern once per category (or year group, or both) with its date, status, danger and
 * urgency (migrations 0011 and 0016): the count is one contiguous range of the copy, a page sorted by date stops
 * after one page and a date range is a range of it, and no concern is read until the page's own rows are. Only a
 * filter by assignee as well looks the candidates' concerns up.
 * Measured on the 150,000-concern demo school (category + year group + two years: 18,800 and 32,600 candidates), about
 * 20 ms for the count and the page together (was 350–600 ms).
 */
function candidatesFor(tab: Tab, filters: QueueFilters): Candidates {
  const parameters: Record<string, string> = {};
  const from = filters.from ? startOfLondonDay(filters.from).toISOString() : undefined;
  const to = filters.to ? startOfLondonDay(addCalendarDays(filters.to, 1)).toISOString() : undefined;
  if (from) parameters.from = from;
  if (to) parameters.to = to;
  const dated = (column: string) => [from ? `${column} >= @from` : '', to ? `${column} < @to` : ''].filter(Boolean);
  const assigned = () => {
    if (!filters.assignedTo) return [];
    if (filters.assignedTo === 'unassigned') return ['c.assigned_to IS NULL'];
    parameters.assignedTo = filters.assignedTo;
    return ['c.assigned_to = @assignedTo'];
  };

  if (!filters.category && !filters.yearGroup) {
    return { source: 'concerns c', id: 'c.id', where: [tabCondition[tab], ...dated('c.recorded_at'), ...assigned()].join(' AND '), parameters, order: orderBy };
  }
  const { table, keys } = copyFor(filters);
  const where = [tabCondition[tab].replace(/\bc\.status\b/g, 'link.status'), ...dated('link.recorded_at')];
  for (const key of keys) {
    where.push(`link.${key === 'yearGroup' ? 'year_group' : key} = @${key}`);
    parameters[key] = filters[key]!;
  }
  const byAssignee = assigned();
  return {
    // CROSS JOIN keeps the copy as the outer loop: SQLite would otherwise start from the concerns.
    source: byAssignee.length > 0 ? `${table} link CROSS JOIN concerns c ON c.id = link.concern_id` : `${table} link`,
    id: 'link.concern_id',
    where: [...where, ...byAssignee].join(' AND '),
    parameters,
    order: { priority: 'link.immediate_danger DESC, link.urgent DESC, link.recorded_at ASC', oldest: 'link.recorded_at ASC', newest: 'link.recorded_at DESC' },
  };
}

/** Counted before any page is chosen, so the copies a filter reads are folded here. */
function countCandidates(db: Store, tab: Tab, filters: QueueFilters): number {
  // The category and year-group copies hold concerns up to a mark; the ones saved since are folded in first (in the
  // command's write transaction), so the filter sees every concern.
  if (filters.category || filters.yearGroup) bringTalliesUpToDate(db);
  const { source, where, parameters } = candidatesFor(tab, filters);
  return db.prepare(`SELECT count(*) FROM ${source} WHERE ${where}`).pluck().get(parameters) as number;
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
  child_described: string;
  version: number;
}

/** A concern the DSL must see before the rest: in immediate danger or marked urgent (the priority index holds only these). */
const pressing = '(c.immediate_danger = 1 OR c.urgent = 1)';

/**
 * The ids of one page of every concern in priority order, in two parts: the pressing ones from the priority index,
 * which holds only them (migration 0016, so a routine save writes nothing there), then the rest oldest first from the
 * date index. Each is a walk in order that stops after the page (one compound query with one ORDER BY would sort
 * every concern instead).
 */
function pageInPriorityOrder(db: Store, where: string, parameters: Record<string, string>, offset: number, limit: number): string[] {
  const ids = (sql: string, page: { offset: number; limit: number }) => db.prepare(sql).pluck().all({ ...parameters, ...page }) as string[];
  const first = ids(`SELECT c.id FROM concerns c WHERE ${pressing} AND ${where} ORDER BY ${orderBy.priority} LIMIT @limit OFFSET @offset`, { offset, limit });
  if (first.length === limit) return first;
  // Fewer than a page left of the pressing ones: the page goes on into the rest, after however many of them there are.
  const pressingCount = first.length > 0 ? offset + first.length : (db.prepare(`SELECT count(*) FROM concerns c WHERE ${pressing} AND ${where}`).pluck().get(parameters) as number);
  const rest = ids(`SELECT c.id FROM concerns c WHERE NOT ${pressing} AND ${where} ORDER BY c.recorded_at ASC LIMIT @limit OFFSET @offset`, {
    offset: Math.max(0, offset - pressingCount),
    limit: limit - first.length,
  });
  return [...first, ...rest];
}

/** The ids of one page: a walk of the narrowest index that stops after the page, or a sort of ids only. */
function pageIds(db: Store, tab: Tab, candidates: Candidates, sort: Sort, offset: number, limit: number): string[] {
  const { source, id, where, parameters, order } = candidates;
  if (tab === 'all' && sort === 'priority' && source === 'concerns c') return pageInPriorityOrder(db, where, parameters, offset, limit);
  return db.prepare(`SELECT ${id} FROM ${source} WHERE ${where} ORDER BY ${order[sort]} LIMIT @limit OFFSET @offset`).pluck().all({ ...parameters, limit, offset }) as string[];
}

export function queueConcerns(db: Store, tab: Tab, filters: QueueFilters, sort: Sort, offset: number, limit: number): { rows: QueueRow[]; total: number } {
  const candidates = candidatesFor(tab, filters);
  const total = countCandidates(db, tab, filters);
  // The page's ids are chosen from the index alone, then joined to the concerns' text and names for those rows.
  const page = db
    .prepare(
      `SELECT c.id, c.recorded_at, c.status, c.immediate_danger, c.urgent, author.display_name AS author_name,
         c.assigned_to, assignee.display_name AS assigned_name, substr(c.what_happened, 1, 160) AS summary, c.child_described, c.version
       FROM json_each(@ids) chosen
       CROSS JOIN concerns c ON c.id = chosen.value
       JOIN users author ON author.id = c.author_id
       LEFT JOIN users assignee ON assignee.id = c.assigned_to
       ORDER BY ${orderBy[sort]}`,
    )
    .all({ ids: JSON.stringify(pageIds(db, tab, candidates, sort, offset, limit)) }) as QueueSqlRow[];
  const ids = JSON.stringify(page.map((row) => row.id));
  const pupils = db
    .prepare(
      `SELECT cp.concern_id, p.id AS pupil_id, p.legal_first_name, p.legal_last_name, p.preferred_name, p.year_group
       FROM concern_pupils cp JOIN pupils p ON p.id = cp.pupil_id WHERE cp.concern_id IN (SELECT value FROM json_each(?)) ORDER BY cp.position`,
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
      childDescribed: row.child_described,
      yearGroups: [...new Set(mine.map((pupil) => pupil.year_group).filter((year): year is string => year !== null))],
      categories: categories.filter((category) => category.concern_id === row.id).map((category) => category.category),
      assignedTo: row.assigned_to,
      assignedToName: row.assigned_name,
      summary: row.summary,
      version: row.version,
    };
  });
  return { rows, total };
}

export function queueCounts(db: Store, filters: QueueFilters, now: Date) {
  const nowIso = now.toISOString();
  const today = todayInLondon(now);
  const soon = addCalendarDays(today, 7);
  return {
    new: countCandidates(db, 'new', filters),
    open: countCandidates(db, 'open', filters),
    referralsAwaiting: db.prepare('SELECT count(*) FROM referrals WHERE outcome_at IS NULL').pluck().get() as number,
    referralsOverdue: db
      .prepare('SELECT count(*) FROM referrals WHERE outcome_at IS NULL AND ((acknowledged_at IS NULL AND acknowledgement_due < @now) OR (acknowledged_at IS NOT NULL AND outcome_due < @now))')
      .pluck()
      .get({ now: nowIso }) as number,
    actionsDue: db.prepare('SELECT count(*) FROM actions WHERE completed_at IS NULL AND due_on <= ?').pluck().get(soon) as number,
    reviewsDue: db.prepare('SELECT count(*) FROM reviews WHERE ended_at IS NULL AND next_due_on <= ?').pluck().get(soon) as number,
  };
}
