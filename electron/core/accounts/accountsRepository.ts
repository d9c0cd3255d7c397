// Accounts as stored. Passwords are never here: an account's password only wraps the data key (see crypto/).
import type { Account, Role, StaffGroup } from '../../../shared/api';
import type { Store } from '../store';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  staff_group: StaffGroup;
  status: 'active' | 'disabled';
  must_change_password: number;
  created_at: string;
  last_sign_in_at: string | null;
  version: number;
}

const toAccount = (row: UserRow): Account => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  staffGroup: row.staff_group,
  status: row.status,
  mustChangePassword: row.must_change_password === 1,
  createdAt: row.created_at,
  lastSignInAt: row.last_sign_in_at,
  version: row.version,
});

export function findAccount(db: Store, id: string): Account | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? toAccount(row) : null;
}

export function findAccountByUsername(db: Store, username: string): Account | null {
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row ? toAccount(row) : null;
}

export function listAccounts(db: Store): Account[] {
  return (db.prepare('SELECT * FROM users ORDER BY display_name COLLATE NOCASE').all() as UserRow[]).map(toAccount);
}

export function insertAccount(
  db: Store,
  account: { id: string; username: string; displayName: string; role: Role; staffGroup: StaffGroup; mustChangePassword: boolean; createdAt: string; createdBy: string | null },
): Account {
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, staff_group, status, must_change_password, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
  ).run(account.id, account.username, account.displayName, account.role, account.staffGroup, account.mustChangePassword ? 1 : 0, account.createdAt, account.createdBy);
  return findAccount(db, account.id)!;
}

export function markSignedIn(db: Store, id: string, at: string): void {
  db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(at, id);
}

export function setMustChangePassword(db: Store, id: string, mustChange: boolean): void {
  db.prepare('UPDATE users SET must_change_password = ? WHERE id = ?').run(mustChange ? 1 : 0, id);
}

export function disableAccount(db: Store, id: string, by: string, reason: string, at: string): void {
  db.prepare("UPDATE users SET status = 'disabled', disabled_at = ?, disabled_by = ?, disabled_reason = ? WHERE id = ?").run(at, by, reason, id);
}

/** A reset re-enables a disabled account: the person gets a temporary password they must change. */
export function reactivateAccount(db: Store, id: string): void {
  db.prepare("UPDATE users SET status = 'active', disabled_at = NULL, disabled_by = NULL, disabled_reason = NULL WHERE id = ?").run(id);
}
