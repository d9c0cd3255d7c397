import type { Migration } from './migration';

/** A trigger that moves a record's version on by one whenever any save changes it (unless the save set it itself). */
const bumpsOnSave = (table: string, columns = '') => `
    ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TRIGGER ${table}_version AFTER UPDATE ${columns ? `OF ${columns} ` : ''}ON ${table} FOR EACH ROW WHEN NEW.version = OLD.version
      BEGIN UPDATE ${table} SET version = OLD.version + 1 WHERE rowid = NEW.rowid; END;`;

/**
 * Two people acting on one record at once (the hub serves a DSL team): every record a person can change carries a
 * version that moves on with every save, so a save made from an older reading is refused instead of overwriting.
 * Triggers, not the handlers, move it: a save added tomorrow moves it too. Appends (addenda, chronology entries,
 * decisions) are never changed and need none. An account's version moves only with what an administrator changes,
 * not with its owner signing in; the settings, kept as key and value rows, share one version on the school's row.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'a version on every record two people can change',
  sql: `
    ${bumpsOnSave('concerns')}
    ${bumpsOnSave('referrals')}
    ${bumpsOnSave('escalations')}
    ${bumpsOnSave('actions')}
    ${bumpsOnSave('reviews')}
    ${bumpsOnSave('status_flags')}
    ${bumpsOnSave('pupils')}
    ${bumpsOnSave('file_transfers')}
    ${bumpsOnSave('users', 'username, display_name, role, staff_group, status, disabled_reason')}

    ALTER TABLE school ADD COLUMN settings_version INTEGER NOT NULL DEFAULT 1;
    CREATE TRIGGER settings_version_on_insert AFTER INSERT ON settings BEGIN UPDATE school SET settings_version = settings_version + 1 WHERE id = 1; END;
    CREATE TRIGGER settings_version_on_update AFTER UPDATE ON settings BEGIN UPDATE school SET settings_version = settings_version + 1 WHERE id = 1; END;
  `,
};
