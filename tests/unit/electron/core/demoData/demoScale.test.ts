import { afterAll, describe, expect, it } from 'vitest';
import type { SafeguardingApp } from '../../../../../electron/core';
import { writeDemoSchool } from '../../../../../electron/core/demoData';
import { newApp, setUpSchool } from '../testSchool';

describe('the synthetic school at scale', () => {
  const apps: SafeguardingApp[] = [];
  afterAll(() => apps.forEach((app) => app.close()));

  // Not a benchmark (no timing asserted): proves a large run completes in one piece with every row linked.
  it('writes 20,000 concerns about 1,500 pupils with every pupil and category link in place', async () => {
    const app = newApp();
    apps.push(app);
    const { user } = await setUpSchool(app);
    const db = app.store!;
    writeDemoSchool(db, { pupils: 1_500, concerns: 20_000, seed: 5, asOf: '2026-07-10', phase: 'secondary' }, { userId: user.id, door: 'test', now: new Date() });
    expect(db.prepare('SELECT count(*) FROM concerns').pluck().get()).toBe(20_000);
    expect(db.prepare('SELECT count(*) FROM concerns c WHERE NOT EXISTS (SELECT 1 FROM concern_pupils p WHERE p.concern_id = c.id)').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM concerns c WHERE NOT EXISTS (SELECT 1 FROM concern_categories k WHERE k.concern_id = c.id)').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM pupils WHERE year_group NOT IN ('7','8','9','10','11','12','13')").pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  }, 120_000);
});
