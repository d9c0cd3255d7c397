// Migration 0015 rebuilds the link tables and the record of stored envelopes as WITHOUT ROWID tables (fewer pages per
// save, decision 0017's addendum). A store made before it must come through with every row, the links' order, its
// foreign keys and its guards: a rebuild that lost a row, a trigger or the order of a concern's pupils would be silent.
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { insertConcern, insertMatchedPupil, readConcern } from '../../../../../electron/core/concerns';
import { migrations, openStore, type Store } from '../../../../../electron/core/store';
import { demoStoreBefore } from '../testSchool';

const REBUILT = {
  concern_pupils: 'concern_id, pupil_id, part, dsl_part, recorded_at, school_year, year_group, matched_by, matched_at',
  concern_categories: 'concern_id, category, recorded_at',
  concern_body_marks: 'concern_id, position, view, x, y, size, colour, shape, child_explanation',
  intake_ingested: 'envelope_id, concern_id, account_id, recorded_at, ingested_at',
} as const;

const rowsOf = (db: Store, table: keyof typeof REBUILT) => db.prepare(`SELECT ${REBUILT[table]} FROM ${table} ORDER BY ${REBUILT[table].split(', ').slice(0, 2).join(', ')}`).all();

/** Every trigger and index on the rebuilt tables, by name: the rebuild drops them with the old table. */
const guardsOf = (db: Store) =>
  db
    .prepare(`SELECT type, name FROM sqlite_master WHERE tbl_name IN (${Object.keys(REBUILT).map((table) => `'${table}'`).join(', ')}) AND type IN ('trigger', 'index') AND name NOT LIKE 'sqlite_autoindex%' ORDER BY 1, 2`)
    .all() as Array<{ type: string; name: string }>;

describe('migration 0015', () => {
  it('keeps every link, body mark and stored envelope, in their order, with their guards and foreign keys', () => {
    const { file, key, before, userId } = demoStoreBefore(15, { pupils: 80, concerns: 400, seed: 15 });
    // A concern whose pupils and categories were added in an order that is neither their ids' nor alphabetical: the
    // rowid order the record showed them in must survive the move to tables kept in key order.
    const [first, second, third] = (before.prepare('SELECT id FROM pupils ORDER BY id DESC LIMIT 3').pluck().all() as string[]);
    const at = '2026-11-19T09:30:00.000Z';
    const ordered = before.transaction(() => {
      const id = insertConcern(before, {
        authorId: userId, occurredAt: at, recordedAt: at, location: 'Hall', othersPresent: '', whatHappened: 'Three children in one incident.', childWords: '', actionTaken: 'Told the DSL.',
        immediateDanger: false, urgent: false, spokenToDsl: null, fgmPoliceReference: '', childDescribed: 'a boy in Year 7', status: 'new', readAt: null, readBy: null,
        pupils: [{ pupilId: first!, part: 'subject' }, { pupilId: second!, part: 'involved' }],
        categories: ['physical-abuse', 'bullying', 'neglect'],
      });
      insertMatchedPupil(before, { concernId: id, pupilId: third!, part: 'witness', matchedBy: userId, matchedAt: '2026-11-19T10:00:00.000Z' });
      const mark = before.prepare("INSERT INTO concern_body_marks (concern_id, position, view, x, y, size, colour, shape, child_explanation) VALUES (?, ?, 'front', ?, 0.5, '2 cm', 'red', 'line', 'A door')");
      mark.run(id, 0, 0.2);
      mark.run(id, 1, 0.7);
      before.prepare('INSERT INTO intake_ingested (envelope_id, concern_id, account_id, recorded_at, ingested_at) VALUES (?, ?, ?, ?, ?)').run(uuidv7(), id, userId, at, at);
      return id;
    })();
    const rowsBefore = Object.fromEntries(Object.keys(REBUILT).map((table) => [table, rowsOf(before, table as keyof typeof REBUILT)]));
    const guardsBefore = guardsOf(before);
    const queueCopyBefore = before.prepare('SELECT * FROM concern_category_years ORDER BY 1, 2, 3, 4').all();
    before.close();

    // Up to 0015 only: 0016 takes the link indexes away into copies (its own test).
    const after = openStore(file, key, migrations.filter((step) => step.version <= 15));
    try {
      for (const table of Object.keys(REBUILT) as Array<keyof typeof REBUILT>) {
        expect(rowsOf(after, table), table).toEqual(rowsBefore[table]);
        expect(after.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table), table).toMatch(/WITHOUT ROWID\s*$/);
      }
      expect(rowsBefore.concern_pupils!.length).toBeGreaterThan(400);
      expect(guardsOf(after)).toEqual([...guardsBefore, { type: 'trigger', name: 'concern_categories_in_order' }, { type: 'trigger', name: 'concern_pupils_in_order' }].sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`)));
      expect(after.prepare('SELECT * FROM concern_category_years ORDER BY 1, 2, 3, 4').all()).toEqual(queueCopyBefore);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(after.pragma('foreign_key_check')).toEqual([]);

      const stored = readConcern(after, ordered)!;
      expect(stored.pupils).toEqual([{ pupilId: first, part: 'subject' }, { pupilId: second, part: 'involved' }, { pupilId: third, part: 'witness' }]);
      expect(stored.categories).toEqual(['physical-abuse', 'bullying', 'neglect']);

      // A link added after the move goes after the ones before it, and still reaches the queue's category copy.
      after.transaction(() => after.prepare("INSERT INTO concern_categories (concern_id, category) VALUES (?, 'attendance')").run(ordered))();
      expect(readConcern(after, ordered)!.categories).toEqual(['physical-abuse', 'bullying', 'neglect', 'attendance']);
      expect(after.prepare("SELECT count(*) FROM concern_category_years WHERE concern_id = ? AND category = 'attendance'").pluck().get(ordered)).toBeGreaterThan(0);

      // The guards came back with the tables.
      expect(() => after.prepare('DELETE FROM concern_pupils WHERE concern_id = ?').run(ordered)).toThrow(/cannot lose a pupil/);
      expect(() => after.prepare('DELETE FROM concern_categories WHERE concern_id = ?').run(ordered)).toThrow(/cannot lose a category/);
      expect(() => after.prepare('UPDATE concern_body_marks SET x = 0.9 WHERE concern_id = ?').run(ordered)).toThrow(/cannot be edited/);
      expect(() => after.prepare('UPDATE concern_pupils SET matched_by = NULL WHERE concern_id = ?').run(ordered)).toThrow(/cannot be changed/);
      expect(() => after.prepare("INSERT INTO concern_pupils (concern_id, pupil_id, part) VALUES (?, 'no-such-pupil', 'subject')").run(ordered)).toThrow(/FOREIGN KEY/);
      expect(() => after.prepare("INSERT INTO concern_body_marks (concern_id, position, view, x, y, size, colour, shape, child_explanation) VALUES ('no-such-concern', 0, 'front', 0.1, 0.1, '', '', '', '')").run()).toThrow(/FOREIGN KEY/);
      const envelope = after.prepare('SELECT envelope_id FROM intake_ingested WHERE concern_id = ?').pluck().get(ordered) as string;
      expect(() => after.prepare('INSERT INTO intake_ingested (envelope_id, concern_id, account_id, recorded_at, ingested_at) VALUES (?, ?, ?, ?, ?)').run(envelope, uuidv7(), userId, at, at)).toThrow(/UNIQUE/);
    } finally {
      after.close();
    }
  });
});
