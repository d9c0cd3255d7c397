// Migration 0010 widens users.role in place for the governor role: a store made before it keeps every account and
// every foreign key, takes a governor afterwards, and still refuses a role that does not exist.
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations, openStore } from '../../../../../electron/core/store';
import { tempDataDir } from '../testSchool';

describe('migration 0010', () => {
  it('lets a store from before it hold a governor, keeping its accounts and foreign keys whole', () => {
    const file = path.join(tempDataDir(), 'before.db');
    const key = crypto.randomBytes(32);
    const before = openStore(file, key, migrations.filter((step) => step.version < 10));
    before.prepare("INSERT INTO users (id, username, display_name, role, staff_group, status, created_at) VALUES ('u1', 'dsl', 'DSL', 'dsl', 'leadership', 'active', '2026-01-01T00:00:00Z')").run();
    expect(() => before.prepare("INSERT INTO users (id, username, display_name, role, staff_group, status, created_at) VALUES ('u2', 'gov', 'Gov', 'governor', 'other', 'active', '2026-01-01T00:00:00Z')").run()).toThrow(/CHECK/);
    before.close();

    const after = openStore(file, key, migrations);
    after.prepare("INSERT INTO users (id, username, display_name, role, staff_group, status, created_at, created_by) VALUES ('u2', 'gov', 'Gov', 'governor', 'other', 'active', '2026-01-01T00:00:00Z', 'u1')").run();
    expect(after.prepare('SELECT id, role FROM users ORDER BY id').all()).toEqual([{ id: 'u1', role: 'dsl' }, { id: 'u2', role: 'governor' }]);
    expect(() => after.prepare("INSERT INTO users (id, username, display_name, role, staff_group, status, created_at) VALUES ('u3', 'x', 'X', 'owner', 'other', 'active', '2026-01-01T00:00:00Z')").run()).toThrow(/CHECK/);
    expect(() => after.prepare("INSERT INTO users (id, username, display_name, role, staff_group, status, created_at, created_by) VALUES ('u4', 'y', 'Y', 'staff', 'other', 'active', '2026-01-01T00:00:00Z', 'nobody')").run()).toThrow(/FOREIGN KEY/);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});
