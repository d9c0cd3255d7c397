// Reading what an export needs from the store: the school, the designated leads, the child's concerns in full.
// Exports read through these and the casework module; they never change the child's file.
import type { ConcernView } from '../../../shared/api';
import { staffGroupLabels, type Role, type StaffGroup } from '../../../shared/access';
import { concernAboutPupil } from '../concerns';
import { viewConcern } from '../concerns/concernLog';
import { CommandError } from '../dispatch/commandError';
import type { Store } from '../store';

export function schoolDetails(db: Store): { name: string; urn: string } {
  return (db.prepare('SELECT name, urn FROM school WHERE id = 1').get() as { name: string; urn: string } | undefined) ?? { name: '', urn: '' };
}

export function otherDesignatedLeads(db: Store, exceptUserId: string): string[] {
  return db.prepare("SELECT display_name FROM users WHERE role = 'dsl' AND status = 'active' AND id <> ? ORDER BY display_name").pluck().all(exceptUserId) as string[];
}

export function requirePupil(db: Store, pupilId: string): void {
  if (!db.prepare('SELECT 1 FROM pupils WHERE id = ?').get(pupilId)) throw new CommandError('not_found', 'That pupil does not exist.');
}

export function requireConcernAbout(db: Store, concernId: string, pupilId: string): void {
  const about = concernAboutPupil(db, concernId, pupilId);
  if (about === 'missing') throw new CommandError('not_found', 'That concern does not exist.');
  if (about === 'other_pupil') throw new CommandError('invalid_input', 'That concern is not about this pupil.', { concernId: ['Choose a concern about this pupil'] });
}

/** The concerns about this child, oldest first, in full (read as the DSL: opening one marks it read). */
export function concernsAbout(db: Store, pupilId: string, viewer: { id: string; role: Role }, now: Date): ConcernView[] {
  const ids = db.prepare('SELECT c.id FROM concern_pupils cp JOIN concerns c ON c.id = cp.concern_id WHERE cp.pupil_id = ? ORDER BY c.occurred_at, c.id').pluck().all(pupilId) as string[];
  return ids.map((id) => viewConcern(db, id, viewer, now)).filter((concern): concern is ConcernView => concern !== null);
}

/** Each member of staff's name and the role that replaces it in an anonymised export. */
export function staffRoles(db: Store): Array<{ name: string; role: string }> {
  const rows = db.prepare('SELECT display_name, role, staff_group FROM users').all() as Array<{ display_name: string; role: Role; staff_group: StaffGroup }>;
  return rows.map((row) => ({
    name: row.display_name,
    role: row.role === 'dsl' ? 'Designated safeguarding lead' : row.role === 'head' ? 'Headteacher' : `Member of staff (${staffGroupLabels[row.staff_group].replace(/ \(.*\)$/, '').toLowerCase()})`,
  }));
}

export function roleOf(db: Store, userName: string): string {
  return staffRoles(db).find((staff) => staff.name === userName)?.role ?? 'Member of staff';
}
