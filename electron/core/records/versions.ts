// Two people on one record: a save carries the version the page read, and is refused if someone saved since. The
// version itself is moved on by the store's triggers (migration "a version on every record two people can change").
import { STALE_SAVE_MESSAGE } from '../../../shared/api';
import { CommandError } from '../dispatch/commandError';
import type { Store } from '../store';

const tables = {
  concern: 'concerns',
  referral: 'referrals',
  escalation: 'escalations',
  action: 'actions',
  review: 'reviews',
  flag: 'status_flags',
  pupil: 'pupils',
  account: 'users',
  transfer: 'file_transfers',
} as const;
export type VersionedRecord = keyof typeof tables;

/** The record's version now, or null if there is no such record (the handler says "not found" in its own words). */
export function versionOf(db: Store, record: VersionedRecord, id: string): number | null {
  return (db.prepare(`SELECT version FROM ${tables[record]} WHERE id = ?`).pluck().get(id) as number | undefined) ?? null;
}

/**
 * Refuses the save if the record has moved on since `readVersion` was read. Handlers run in one write transaction,
 * so nobody can save between this check and the handler's own update.
 */
export function requireVersion(db: Store, record: VersionedRecord, id: string, readVersion: number): void {
  const current = versionOf(db, record, id);
  if (current !== null && current !== readVersion) throw new CommandError('conflict', STALE_SAVE_MESSAGE);
}

export function settingsVersion(db: Store): number {
  return (db.prepare('SELECT settings_version FROM school WHERE id = 1').pluck().get() as number | undefined) ?? 1;
}

export function requireSettingsVersion(db: Store, readVersion: number): void {
  if (settingsVersion(db) !== readVersion) throw new CommandError('conflict', STALE_SAVE_MESSAGE);
}
