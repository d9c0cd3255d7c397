// Concerns and allegations about adults (KCSIE Part 4) through the real dispatch on a real encrypted store: who
// receives each, that the adult it is about never finds it (as DSL, head or anyone), escalation, the LADO clock,
// outcomes and retention, and the removal of a malicious allegation.
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { commands, type CommandInput, type CommandName, type Role } from '../../../../../shared/api';
import { readExpectedEntries } from '../../../../../electron/core/exports/archive';
import { flatten, pdfText } from '../pdf/pdfReadBack';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool, signInFirstTime, tempDataDir, daysPassWhileSignedIn, keepRecordsOpen } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const FORGED_ID = '01900000-0000-7000-8000-0000000000ff';
let now = new Date('2026-11-23T10:00:00Z');

interface Person {
  id: string;
  username: string;
  password: string;
  role: Role;
}

let app: SafeguardingApp;
const people: Record<'ta' | 'colleagueDsl' | 'leadDsl' | 'head' | 'admin' | 'chair' | 'teacher', Person> = {} as never;

async function signInAs(person: Person) {
  await call(app, 'session.signOut', {});
  await call(app, 'session.signIn', { username: person.username, password: person.password });
}

const lowLevelAbout = (subjectUserId: string, whatHappened: string): CommandInput<'adults.log'> => ({
  subject: { userId: subjectUserId },
  occurredDate: '2026-11-20',
  occurredTime: '12:30',
  location: 'Year 4 classroom',
  othersPresent: 'Two pupils',
  whatHappened,
  childHarm: 'no',
});

beforeAll(async () => {
  app = newApp(tempDataDir(), { clock: () => now, ...daysPassWhileSignedIn });
  const { user } = await setUpSchool(app);
  people.leadDsl = { id: user.id, username: 'dsl.jones', password: DSL_PASSWORD, role: 'dsl' };
  const accounts = [
    ['ta', 'ta.smith', 'staff'],
    ['colleagueDsl', 'sam.patel', 'dsl'],
    ['head', 'head.teacher', 'head'],
    ['admin', 'it.lead', 'admin'],
    ['chair', 'chair.governors', 'governor'],
    ['teacher', 'mr.jones', 'staff'],
  ] as const;
  for (const [key, username, role] of accounts) {
    const account = await addAccount(app, username, role, 'teaching', 'temporary password 1');
    people[key] = { id: account.id, username, password: `${username} own password`, role };
  }
  for (const [key] of accounts) {
    await call(app, 'session.signOut', {});
    await signInFirstTime(app, people[key].username, 'temporary password 1', people[key].password);
  }
  // The school day: a DSL is signed in at another computer, so the records are open (decision 0022); staff who log a
  // concern about an adult need them open until that register's concerns are sealed too.
  await keepRecordsOpen(app);
  await signInAs(people.head);
  await call(app, 'adults.setRoleHolders', { headteacherUserId: people.head.id, chairOfGovernorsUserId: people.chair.id, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false });
  // Seven accounts' first sign-ins: past the default hook allowance on a loaded machine.
}, 60_000);

/** Everything a person can learn of a record through the commands their role may call. */
async function whatTheyFind(person: Person, recordId: string, words: string, alertsBefore = 0): Promise<string[]> {
  await signInAs(person);
  const found: string[] = [];
  const get = await dispatch(app, 'adults.get', { id: recordId }, personAt(app));
  if (get.ok) found.push('adults.get opened it');
  else if (!['not_found', 'forbidden'].includes(get.error.code)) found.push(`adults.get: ${get.error.code}`);
  for (const kind of ['low_level', 'allegation'] as const) {
    const list = await dispatch(app, 'adults.register', { kind }, personAt(app));
    if (list.ok && JSON.stringify(list.value).includes(recordId)) found.push(`register ${kind} lists it`);
  }
  const alerts = await dispatch(app, 'adults.alerts', {}, personAt(app));
  const unread = alerts.ok ? (alerts.value as { unread: number }).unread : 0;
  if (unread > alertsBefore) found.push(`alert of ${unread}`);
  for (const name of ['adults.mine', 'concerns.mine', 'queue.counts', 'concerns.listNew', 'concerns.alerts', 'reports.dashboard', 'settings.get'] as CommandName[]) {
    const input = name === 'reports.dashboard' ? { period: { kind: 'this_school_year' }, audience: 'head' } : {};
    const result = await dispatch(app, name, input, personAt(app));
    const text = JSON.stringify(result);
    if (text.includes(words) || text.includes(recordId)) found.push(`${name} shows it`);
  }
  for (const name of ['adults.respond', 'adults.recordPersonDetails', 'adults.escalate'] as const) {
    const input = name === 'adults.respond' ? { id: recordId, kind: 'none' } : name === 'adults.escalate' ? { id: recordId, reason: 'trying' } : { id: recordId, personLeftOn: null, dateOfBirth: null };
    const result = await dispatch(app, name, input, personAt(app));
    if (result.ok || !['not_found', 'forbidden'].includes(result.error.code)) found.push(`${name} ${result.ok ? 'worked' : result.error.code}`);
  }
  return found;
}

describe('a low-level concern about a colleague who is a DSL', () => {
  let recordId: string;
  const words = 'Sam let a pupil sit on his lap in the reading corner';

  beforeAll(async () => {
    now = new Date('2026-11-23T10:00:00Z');
    await signInAs(people.ta);
    const logged = await call(app, 'adults.log', lowLevelAbout(people.colleagueDsl.id, words));
    recordId = logged.id;
    expect(logged).toMatchObject({ kind: 'low_level', sentTo: 'headteacher', nobodyToReceive: false, ladoDirectly: false });
  });

  it('reaches the headteacher, who reads it and records a response; the author sees only that it was read', async () => {
    await signInAs(people.head);
    expect(await call(app, 'adults.alerts', {})).toEqual({ unread: 1 });
    const { rows } = await call(app, 'adults.register', { kind: 'low_level' });
    expect(rows.map((row) => [row.id, row.subjectName, row.read])).toEqual([[recordId, 'sam.patel', false]]);
    const record = await call(app, 'adults.get', { id: recordId });
    expect(record).toMatchObject({ whatHappened: words, author: 'ta.smith', subject: { name: 'sam.patel', fromStaffList: true } });
    await call(app, 'adults.respond', { id: recordId, kind: 'conversation', note: 'Spoke with Sam about the staff code of conduct' });
    expect((await call(app, 'adults.get', { id: recordId })).responses).toMatchObject([{ kind: 'conversation', author: 'head.teacher' }]);
    expect(await call(app, 'adults.alerts', {})).toEqual({ unread: 0 });

    await signInAs(people.ta);
    const mine = await call(app, 'adults.mine', {});
    expect(mine).toMatchObject([{ id: recordId, status: 'read', whatHappened: words }]);
    expect(JSON.stringify(mine)).not.toContain('code of conduct');
    expect(await dispatch(app, 'adults.get', { id: recordId }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('is found nowhere by the colleague it is about, though they are a DSL', async () => {
    expect(await whatTheyFind(people.colleagueDsl, recordId, words)).toEqual([]);
  });

  it.each(['leadDsl', 'admin', 'chair', 'teacher'] as const)('is found nowhere by %s, who is not its recipient', async (who) => {
    expect(await whatTheyFind(people[who], recordId, words)).toEqual([]);
  });

  it('gives the person concerned a summary through the encrypted export, without who raised it, and logs it on the record', async () => {
    await signInAs(people.head);
    const file = await call(app, 'adults.exportSummary', { id: recordId, kind: 'person_summary', recipient: 'Sam Patel, in person', purpose: 'KCSIE: a copy of the record for the person concerned' });
    expect(file.fileName).toMatch(/^summary-for-the-person-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    const archive = Buffer.from(file.dataBase64, 'base64');
    expect(archive.toString('latin1')).not.toContain('reading corner');
    let pdf: Buffer = Buffer.alloc(0);
    await readExpectedEntries(archive, file.passphrase!, ['summary-for-the-person.pdf'], { perEntryBytes: 5_000_000, totalBytes: 5_000_000 }, async (open) => {
      pdf = (await open('summary-for-the-person.pdf', 5_000_000))!;
    });
    const text = flatten(pdfText(pdf));
    expect(text).toContain('reading corner');
    expect(text).not.toContain('ta.smith');
    const lado = await call(app, 'adults.exportSummary', { id: recordId, kind: 'lado_referral', recipient: 'LADO', purpose: 'Advice on a pattern' });
    await readExpectedEntries(Buffer.from(lado.dataBase64, 'base64'), lado.passphrase!, ['lado-referral-summary.pdf'], { perEntryBytes: 5_000_000, totalBytes: 5_000_000 }, async (open) => {
      expect(flatten(pdfText((await open('lado-referral-summary.pdf', 5_000_000))!))).toContain('ta.smith');
    });
    expect((await call(app, 'adults.get', { id: recordId })).exports.map((entry) => [entry.kind, entry.recipient])).toEqual([
      ['person_summary', 'Sam Patel, in person'],
      ['lado_referral', 'LADO'],
    ]);
    await signInAs(people.colleagueDsl);
    expect(await dispatch(app, 'adults.exportSummary', { id: recordId, kind: 'person_summary', recipient: 'Me', purpose: 'Curious' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('answers a forged id exactly as a record the viewer may not see', async () => {
    await signInAs(people.head);
    const forged = await dispatch(app, 'adults.get', { id: FORGED_ID }, personAt(app));
    await signInAs(people.colleagueDsl);
    const hidden = await dispatch(app, 'adults.get', { id: recordId }, personAt(app));
    expect(forged).toEqual(hidden);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('goes to the DSL named for low-level concerns where the policy says so, and never to that DSL when it is about them', async () => {
    await signInAs(people.head);
    await call(app, 'adults.setRoleHolders', { headteacherUserId: people.head.id, chairOfGovernorsUserId: people.chair.id, dslUserId: people.colleagueDsl.id, lowLevelTo: 'dsl', headIsProprietor: false });
    await signInAs(people.teacher);
    const aboutTa = await call(app, 'adults.log', lowLevelAbout(people.ta.id, 'Shouted at Year 2 at lunch'));
    const aboutDsl = await call(app, 'adults.log', lowLevelAbout(people.colleagueDsl.id, 'Gave a pupil a lift home'));
    expect([aboutTa.sentTo, aboutDsl.sentTo]).toEqual(['dsl', 'headteacher']);
    await signInAs(people.colleagueDsl);
    const seen = (await call(app, 'adults.register', { kind: 'low_level' })).rows.map((row) => row.id);
    expect(seen).toEqual([aboutTa.id]);
    await signInAs(people.head);
    const headSees = (await call(app, 'adults.register', { kind: 'low_level' })).rows.map((row) => row.id);
    expect(headSees).toContain(aboutDsl.id);
    expect(headSees).not.toContain(aboutTa.id);
    await call(app, 'adults.setRoleHolders', { headteacherUserId: people.head.id, chairOfGovernorsUserId: people.chair.id, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false });
  });

  it('shows the same adult named more than once together, as a pattern', async () => {
    await signInAs(people.teacher);
    const second = await call(app, 'adults.log', { ...lowLevelAbout(people.colleagueDsl.id, 'Messaged a pupil on social media'), occurredDate: '2026-11-22' });
    await signInAs(people.head);
    const { patterns } = await call(app, 'adults.register', { kind: 'low_level' });
    const sam = patterns.find((pattern) => pattern.subjectKey === people.colleagueDsl.id);
    expect(sam?.recordIds).toEqual(expect.arrayContaining([recordId, second.id]));
  });
});

describe('a concern about the headteacher', () => {
  it('reaches only the chair of governors; the head finds nothing', async () => {
    now = new Date('2026-11-24T09:00:00Z');
    const words = 'The head grabbed a pupil by the arm in the corridor';
    await signInAs(people.head);
    const headAlerts = (await call(app, 'adults.alerts', {})).unread;
    await signInAs(people.teacher);
    const logged = await call(app, 'adults.log', { ...lowLevelAbout(people.head.id, words), childHarm: 'yes' });
    expect(logged).toMatchObject({ kind: 'allegation', sentTo: 'chair_of_governors', ladoDirectly: false });
    await signInAs(people.chair);
    expect((await call(app, 'adults.register', { kind: 'allegation' })).rows.map((row) => row.id)).toEqual([logged.id]);
    expect(await whatTheyFind(people.head, logged.id, words, headAlerts)).toEqual([]);
    expect(await whatTheyFind(people.leadDsl, logged.id, words)).toEqual([]);
  });

  it('is recorded about oneself too (a self-report), and a self-report by the head still reaches the chair', async () => {
    await signInAs(people.head);
    const logged = await call(app, 'adults.log', { selfReport: true, occurredDate: '2026-11-23', whatHappened: 'I lost my temper with a pupil', childHarm: 'not_sure' });
    expect(logged).toMatchObject({ kind: 'low_level', sentTo: 'chair_of_governors' });
    expect((await call(app, 'adults.mine', {})).find((row) => row.id === logged.id)).toMatchObject({ selfReport: true, subjectName: 'head.teacher', status: 'submitted' });
    expect((await call(app, 'adults.register', { kind: 'low_level' })).rows.map((row) => row.id)).not.toContain(logged.id);
  });

  it('goes straight to the LADO, with the council’s LADO contact, where the head is also the proprietor', async () => {
    await signInAs(people.head);
    await call(app, 'adults.setRoleHolders', { headteacherUserId: people.head.id, chairOfGovernorsUserId: people.chair.id, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: true });
    await signInAs(people.ta);
    const logged = await call(app, 'adults.log', { ...lowLevelAbout(people.head.id, 'Hit a pupil'), childHarm: 'yes' });
    expect(logged).toMatchObject({ ladoDirectly: true, ladoContact: { name: expect.stringContaining('LADO') } });
    await signInAs(people.chair);
    await call(app, 'adults.setRoleHolders', { headteacherUserId: people.head.id, chairOfGovernorsUserId: people.chair.id, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false });
  });
});

describe('who holds each role', () => {
  it('is set by a DSL or head until a headteacher is named, then only by the headteacher or the chair', async () => {
    for (const person of [people.leadDsl, people.colleagueDsl, people.admin, people.ta]) {
      await signInAs(person);
      const result = await dispatch(app, 'adults.setRoleHolders', { headteacherUserId: person.id, chairOfGovernorsUserId: null, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false }, personAt(app));
      expect(result, person.username).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('names only accounts that hold a fitting role', async () => {
    await signInAs(people.head);
    const result = await dispatch(app, 'adults.setRoleHolders', { headteacherUserId: people.head.id, chairOfGovernorsUserId: people.admin.id, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false }, personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { chairOfGovernorsUserId: [expect.any(String)] } } });
  });
});

describe('an allegation', () => {
  let lowLevelId: string;
  let allegationId: string;

  it('is escalated from a low-level concern, linked both ways, with the LADO clock running from the case manager knowing', async () => {
    // Thursday 24/12/2026: Christmas Day and the substitute Boxing Day (Monday 28/12) are bank holidays.
    now = new Date('2026-12-24T11:00:00Z');
    await signInAs(people.teacher);
    lowLevelId = (await call(app, 'adults.log', lowLevelAbout(people.ta.id, 'Took photos of pupils on a personal phone'))).id;
    await signInAs(people.head);
    allegationId = (await call(app, 'adults.escalate', { id: lowLevelId, reason: 'Photos of pupils kept at home' })).allegationId;
    expect(await dispatch(app, 'adults.escalate', { id: lowLevelId, reason: 'Again' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call(app, 'adults.get', { id: lowLevelId })).escalatedTo).toBe(allegationId);
    const allegation = await call(app, 'adults.get', { id: allegationId });
    expect(allegation).toMatchObject({ kind: 'allegation', escalatedFrom: lowLevelId, whatHappened: 'Took photos of pupils on a personal phone' });
    expect(allegation.ladoClock).toEqual({ state: 'due', due: '2026-12-29T23:59:59.999Z' });
    now = new Date('2026-12-30T00:00:01Z');
    expect((await call(app, 'adults.get', { id: allegationId })).ladoClock?.state).toBe('overdue');
  });

  it('records the LADO’s advice and reference, actions and a DBS referral', async () => {
    await call(app, 'adults.recordLado', { id: allegationId, consultedDate: '2026-12-29', consultedTime: '09:10', officer: 'A. Officer', advice: 'Strategy discussion not needed; school to investigate', reference: 'LADO-2026-117' });
    await call(app, 'adults.addAction', { id: allegationId, kind: 'suspension_considered', note: 'Considered; not needed while the phone is handed in' });
    await call(app, 'adults.recordReferral', { id: allegationId, body: 'dbs', referredOn: '2026-12-30', note: 'Referral made' });
    await call(app, 'adults.exportSummary', { id: allegationId, kind: 'lado_referral', recipient: 'Police liaison officer', purpose: 'Strategy discussion' });
    const view = await call(app, 'adults.get', { id: allegationId });
    expect(view.ladoClock?.state).toBe('consulted');
    expect(view.lado).toMatchObject({ reference: 'LADO-2026-117' });
    expect(view.actions.map((action) => action.kind)).toEqual(['suspension_considered']);
    expect(view.referrals.map((referral) => referral.body)).toEqual(['dbs']);
    expect(await dispatch(app, 'adults.respond', { id: allegationId, kind: 'none' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('shows the retention date each outcome sets', async () => {
    await call(app, 'adults.recordPersonDetails', { id: allegationId, personLeftOn: null, dateOfBirth: '1990-05-01' });
    await call(app, 'adults.recordOutcome', { id: allegationId, outcome: 'unsubstantiated', decidedOn: '2027-01-10', note: '' });
    expect((await call(app, 'adults.get', { id: allegationId })).retention).toMatchObject({ kind: 'date', date: '2058-05-01' });
    await call(app, 'adults.recordPersonDetails', { id: allegationId, personLeftOn: null, dateOfBirth: '1960-01-01' });
    expect((await call(app, 'adults.get', { id: allegationId })).retention).toMatchObject({ kind: 'date', date: '2036-12-24' });
    await call(app, 'adults.recordPersonDetails', { id: lowLevelId, personLeftOn: '2027-07-21', dateOfBirth: null });
    expect((await call(app, 'adults.get', { id: lowLevelId })).retention).toMatchObject({ kind: 'until_leaves', date: '2027-07-21' });
  });

  it('when malicious, is removed only on confirmation, leaving an audit row and none of its content', async () => {
    expect(await dispatch(app, 'adults.removeMalicious', { id: allegationId, confirm: true }, personAt(app))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call(app, 'adults.recordOutcome', { id: allegationId, outcome: 'malicious', decidedOn: '2027-01-12', note: 'The pupil said they made it up to get the TA into trouble' });
    expect((await call(app, 'adults.get', { id: allegationId })).retention.kind).toBe('offer_removal');
    expect(await dispatch(app, 'adults.removeMalicious', { id: allegationId, confirm: false }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await signInAs(people.leadDsl);
    expect(await dispatch(app, 'adults.removeMalicious', { id: allegationId, confirm: true }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await signInAs(people.head);
    await call(app, 'adults.removeMalicious', { id: allegationId, confirm: true });

    expect(await dispatch(app, 'adults.get', { id: allegationId }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call(app, 'adults.get', { id: lowLevelId })).escalatedTo).toBeNull();
    const db = app.store!;
    const everywhere = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'adult_%'").pluck().all() as string[])
      .map((table) => JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all()))
      .join('\n');
    expect(everywhere).not.toContain('made it up');
    expect(everywhere).not.toContain('LADO-2026-117');
    expect(everywhere).not.toContain('Police liaison');
    expect(db.prepare('SELECT id, outcome FROM adult_concern_removals WHERE id = ?').get(allegationId)).toEqual({ id: allegationId, outcome: 'malicious' });
    const audit = db.prepare("SELECT user_id, record_ids, outcome FROM audit_log WHERE command = 'adults.removeMalicious' ORDER BY seq DESC LIMIT 1").get();
    expect(audit).toEqual({ user_id: people.head.id, record_ids: JSON.stringify([allegationId]), outcome: 'ok' });
  });
});

describe('every role, every record command, a forged id', () => {
  const recordCommands = (Object.keys(commands) as CommandName[]).filter((name) => name.startsWith('adults.') && 'id' in ((commands[name].input as { shape?: object }).shape ?? {}));

  it.each(['ta', 'colleagueDsl', 'leadDsl', 'head', 'admin', 'chair'] as const)('%s learns nothing from an id that does not exist', async (who) => {
    await signInAs(people[who]);
    const inputs: Record<string, object> = {
      'adults.respond': { kind: 'none' },
      'adults.escalate': { reason: 'x' },
      'adults.recordLado': { consultedDate: '2026-12-29', consultedTime: '09:00', advice: 'x' },
      'adults.addAction': { kind: 'police', note: 'x' },
      'adults.recordOutcome': { outcome: 'false', decidedOn: '2026-12-29' },
      'adults.recordReferral': { body: 'tra', referredOn: '2026-12-29' },
      'adults.recordPersonDetails': { personLeftOn: null, dateOfBirth: null },
      'adults.removeMalicious': { confirm: true },
      'adults.exportSummary': { kind: 'person_summary', recipient: 'x', purpose: 'x' },
    };
    const codes = new Set<string>();
    for (const name of recordCommands) {
      const result = await dispatch(app, name, { id: FORGED_ID, ...inputs[name] }, personAt(app));
      codes.add(result.ok ? 'ok' : result.error.code);
    }
    expect([...codes]).toEqual([['ta', 'admin'].includes(who) ? 'forbidden' : 'not_found']);
    expect(recordCommands.length).toBeGreaterThanOrEqual(9);
  });
});

describe('the culture report', () => {
  it('counts concerns about adults by term, every small number suppressed, with no name or word in it', async () => {
    await signInAs(people.head);
    const view = await call(app, 'reports.dashboard', { period: { kind: 'custom', from: '2026-09-01', to: '2026-12-30' }, audience: 'head' });
    expect(view.adults?.terms).toEqual([
      {
        term: 'Autumn term 2026',
        lowLevel: { value: 6, display: '6', suppressed: false },
        allegations: { value: null, display: 'fewer than 5', suppressed: true },
        outcomes: expect.objectContaining({ malicious: { value: null, display: 'fewer than 5', suppressed: true }, substantiated: { value: 0, display: '0', suppressed: false } }),
      },
    ]);
    const text = JSON.stringify(view.adults);
    for (const name of ['sam.patel', 'head.teacher', 'ta.smith', 'reading corner', 'photos']) expect(text).not.toContain(name);
  });
});
