import type { Settings } from '../../../shared/api';
import type { Store } from '../store';

export const defaultSettings: Settings = {
  idleLockMinutes: 5,
  dslOnDuty: { name: '', extension: '', whereToFind: '' },
  headteacher: { name: '', contact: '' },
  closureDates: [],
  termDates: [],
  pack: { packId: null, areaId: null },
  transferRetention: { rule: 'until_age_25', years: 6 },
};

export function readSettings(db: Store): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  return { ...defaultSettings, ...stored } as Settings;
}

export function writeSettings(db: Store, settings: Settings, by: string, at: string): void {
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  for (const [key, value] of Object.entries(settings)) upsert.run(key, JSON.stringify(value), at, by);
}
