// Sweeps over every command in shared/api, found from the schemas themselves: a command added tomorrow is swept
// too. Each sends one bad value through the real dispatch on a real encrypted store, as a DSL.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/core';
import { commands, type CommandName } from '../../../../shared/api';
import { formatIsoDate } from '../../../../shared/calendar';
import { isDateField, isIdField, isTimeField, leaves, ordinaryValue, sampleInput, samePath } from '../../../fixtures/commands/schemaWalk';
import { call, newApp, setUpSchool } from './testSchool';
import { personAt } from '../../../fixtures/doors/callers';

const commandNames = Object.keys(commands) as CommandName[];
const dotted = (path: Array<string | number>) => path.map(String).join('.');

function fieldsOfKind(isKind: (schema: Parameters<typeof isDateField>[0]) => boolean) {
  return commandNames.flatMap((name) =>
    leaves(commands[name].input)
      .filter((leaf) => isKind(leaf.schema))
      .map((leaf) => ({ name, path: leaf.path })),
  );
}

/** Rows in every table: "nothing is stored" means none of these changes. */
function storedRows(app: ReturnType<typeof newApp>): Record<string, number> {
  const db = app.store!;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]));
}

/**
 * What a command's input needs beyond what the walk reads from its shape: a rule across fields. A concern names its
 * child from the roster or in words (decision 0023); with neither, every sweep of it would fail on that instead.
 */
const acrossFields: Partial<Record<CommandName, Record<string, unknown>>> = { 'concerns.submit': { childDescribed: 'Amy in 5H' } };
const sampleFor = (name: CommandName, leaf: Parameters<typeof sampleInput>[1], path: Array<string | number>) => ({
  ...acrossFields[name],
  ...(sampleInput(commands[name].input, leaf, path) as Record<string, unknown>),
});

async function sendWithBadValue(app: ReturnType<typeof newApp>, name: CommandName, path: Array<string | number>, bad: string) {
  const input = sampleFor(name, (leafPath, schema) => (samePath(leafPath, path) ? bad : ordinaryValue(schema)), path);
  return dispatch(app, name, input, personAt(app));
}

describe('dates and times in every command', () => {
  const dateFields = fieldsOfKind(isDateField);
  const timeFields = fieldsOfKind(isTimeField);

  it('finds the date fields from the schemas (so the sweep cannot pass by finding none)', () => {
    const found = dateFields.map(({ name, path }) => `${name} ${dotted(path)}`);
    expect(found).toEqual(expect.arrayContaining(['actions.create dueOn', 'reviews.create firstDueOn', 'children.addFlag startDate', 'pupils.create dateOfBirth', 'roster.import leftOn', 'sharing.record sharedOn', 'settings.update closureDates.0', 'concerns.submit occurredDate']));
    expect(timeFields.map(({ name }) => name)).toEqual(expect.arrayContaining(['sharing.record', 'referrals.create', 'children.addEvent', 'concerns.submit']));
  });

  it.each([
    ['30 February', '2026-02-30'],
    ['29 February in a year that is not a leap year', '2027-02-29'],
    ['month 13', '2026-13-01'],
    ['day 00', '2026-04-00'],
    ['a year before 1900', '1066-10-14'],
  ])('answers %s with invalid_input naming the field, and stores nothing', async (_what, impossible) => {
    const app = newApp();
    await setUpSchool(app);
    const before = storedRows(app);
    for (const { name, path } of dateFields) {
      const result = await sendWithBadValue(app, name, path, impossible);
      expect(result, `${name} ${dotted(path)}`).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { [dotted(path)]: [expect.stringMatching(/real date|between/)] } } });
    }
    expect(storedRows(app)).toEqual(before);
  });

  it('answers a time that does not exist on a clock with invalid_input naming the field', async () => {
    const app = newApp();
    await setUpSchool(app);
    for (const { name, path } of timeFields) {
      for (const impossible of ['24:00', '14:60', '9:30pm']) {
        const result = await sendWithBadValue(app, name, path, impossible);
        expect(result, `${name} ${dotted(path)} ${impossible}`).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { [dotted(path)]: [expect.stringMatching(/time/)] } } });
      }
    }
  });
});

describe('a date stored before dates were checked', () => {
  it('still opens the child’s file, chronology, queue and exports, and shows the date marked for correction', async () => {
    const app = newApp();
    const { user: dsl } = await setUpSchool(app);
    const amy = await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04' });
    const action = await call(app, 'actions.create', { pupilId: amy.id, title: 'Call mum', ownerId: dsl.id, dueOn: '2026-12-01' });
    const review = await call(app, 'reviews.create', { pupilId: amy.id, title: 'Weekly check-in', intervalDays: 7, firstDueOn: '2026-12-01', ownerId: dsl.id });
    // What the old pattern let through, written straight into the store.
    const db = app.store!;
    db.prepare('UPDATE actions SET due_on = ? WHERE id = ?').run('2026-02-30', action.id);
    db.prepare('UPDATE reviews SET next_due_on = ? WHERE id = ?').run('2026-02-30', review.id);
    db.prepare('UPDATE pupils SET date_of_birth = ? WHERE id = ?').run('2016-02-30', amy.id);

    const file = await call(app, 'children.file', { pupilId: amy.id });
    expect(file.openActions).toEqual([expect.objectContaining({ dueOn: '2026-02-30', overdue: true })]);
    expect(file.reviews).toEqual([expect.objectContaining({ nextDueOn: '2026-02-30', overdue: true })]);
    expect((await call(app, 'queue.actions', {})).map((row) => row.id)).toContain(action.id);
    expect((await call(app, 'queue.reviews', {})).map((row) => row.id)).toContain(review.id);
    expect((await call(app, 'children.chronology', { pupilId: amy.id })).map((entry) => entry.recordId)).toContain(action.id);
    await call(app, 'exports.chronology', { pupilId: amy.id, format: 'csv', protect: false, recipient: 'Child protection conference', purpose: 'Conference', consent: { position: 'given' } });
    expect((await call(app, 'pupils.get', { pupilId: amy.id })).details.dateOfBirth).toBe('2016-02-30');
    expect(formatIsoDate('2026-02-30')).toBe('30/02/2026 (not a real date: correct it)');
  });
});

describe('record ids in every command', () => {
  const idFields = fieldsOfKind(isIdField);

  it('finds the id fields from the schemas', () => {
    expect(idFields.map(({ name, path }) => `${name} ${dotted(path)}`)).toEqual(expect.arrayContaining(['actions.create concernId', 'actions.create ownerId', 'children.file pupilId', 'transfers.import pupilId', 'concerns.submit pupils.0.pupilId']));
  });

  it('answers an id of no record with not_found or invalid_input naming the field, never internal, and stores nothing', async () => {
    const app = newApp();
    const { user: dsl } = await setUpSchool(app);
    const amy = await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04' });
    await call(app, 'packs.choose', { packId: 'london-continuum-waltham-forest-2014', areaId: null });
    // Every other id is a real one where the field takes a pupil or a member of staff, so the unknown id is the only fault.
    const realId = (path: Array<string | number>) => (/owner|assign|user/i.test(String(path.at(-1))) ? dsl.id : amy.id);
    const answers: string[] = [];
    for (const { name, path } of idFields) {
      const unknown = crypto.randomUUID();
      const input = sampleFor(name, (leafPath, schema) => (samePath(leafPath, path) ? unknown : isIdField(schema) ? realId(leafPath) : ordinaryValue(schema)), path);
      const before = storedRows(app);
      const result = await dispatch(app, name, input, personAt(app));
      if (!result.ok) expect(storedRows(app), `${name} stored something it refused`).toEqual(before);
      const code = result.ok ? 'ok' : result.error.code;
      // invalid_input must be about the unknown id, or the handler was never reached and the sweep proved nothing.
      const aboutTheId = result.ok || result.error.code !== 'invalid_input' || Object.keys(result.error.fields ?? {}).every((field) => field === dotted(path));
      answers.push(`${name} ${dotted(path)}: ${aboutTheId ? code : `${code} ${JSON.stringify(!result.ok && result.error.fields)}`}`);
    }
    // A concern names the draft it finishes only so the draft can be removed: a draft already gone must never cost the concern.
    expect(answers.filter((answer) => !/: (not_found|invalid_input)$/.test(answer))).toEqual(['concerns.submit draftId: ok']);
  });
});

describe('ids that name a record about another child', () => {
  async function twoChildren() {
    const app = newApp();
    const { user: dsl } = await setUpSchool(app);
    const amy = await call(app, 'pupils.create', { legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04' });
    const ben = await call(app, 'pupils.create', { legalFirstName: 'Ben', legalLastName: 'Ashworth', dateOfBirth: '2015-05-01' });
    const concernAboutBen = (await call(app, 'concerns.submit', { pupils: [{ pupilId: ben.id, part: 'subject' }], occurredDate: '2026-11-23', occurredTime: '08:00', whatHappened: 'Ben was hungry again.' })).id;
    const decisionAboutBen = (await call(app, 'decisions.record', { pupilId: ben.id, concernId: concernAboutBen, decision: 'monitor', reasons: 'First time seen.', consent: 'given' })).id;
    return { app, dsl, amy, concernAboutBen, decisionAboutBen };
  }

  it('refuses an action on one child tied to a concern about another, naming the concern field', async () => {
    const { app, dsl, amy, concernAboutBen } = await twoChildren();
    const before = storedRows(app);
    const result = await dispatch(app, 'actions.create', { pupilId: amy.id, concernId: concernAboutBen, title: 'Speak to mum', ownerId: dsl.id, dueOn: '2026-12-01' }, personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { concernId: ['Choose a concern about this pupil'] } } });
    expect(await dispatch(app, 'actions.create', { pupilId: amy.id, concernId: crypto.randomUUID(), title: 'Speak to mum', ownerId: dsl.id, dueOn: '2026-12-01' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(storedRows(app)).toEqual(before);
  });

  it('refuses a referral on one child tied to a decision about another', async () => {
    const { app, amy, decisionAboutBen } = await twoChildren();
    const result = await dispatch(
      app,
      'referrals.create',
      { pupilId: amy.id, decisionId: decisionAboutBen, agency: 'mash', contact: { name: 'Front door' }, method: 'phone', referredOn: '2026-11-23', referredAtTime: '09:00', whatShared: 'Worries.', consent: 'given' },
      personAt(app),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { decisionId: ['Choose a decision about this pupil'] } } });
  });

  it('refuses a referral pack for one child built on a concern about another, and marks nothing read', async () => {
    const { app, amy, concernAboutBen } = await twoChildren();
    const before = storedRows(app);
    for (const name of ['exports.referralPreview', 'exports.referralExport'] as const) {
      const result = await dispatch(app, name, { pupilId: amy.id, concernId: concernAboutBen, sections: [], addressedTo: { contactName: 'MASH' }, consent: { position: 'given' } }, personAt(app));
      expect(result, name).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { concernId: ['Choose a concern about this pupil'] } } });
    }
    expect(storedRows(app)).toEqual(before);
  });
});
