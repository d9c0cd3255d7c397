// What each role receives, not only what it is refused. A school with something of everything a role must never see
// (domain.md's table): a DSL's addendum on a member of staff's concern, another member of staff's concern, an entry
// on a child's file, and the roster's dates of birth, addresses and household links. Then, for every command the
// staff, head and administrator roles may call, the answer (value or error) is searched for any of it.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { commands, roleMay, type CommandName, type Role } from '../../../../../shared/api';
import { DSL_PASSWORD, addAccount, call, newApp, settingsVersionNow, setUpSchool, signInFirstTime, tempDataDir, versionNow, keepRecordsOpen } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const roster = [
  'UPN,Surname,Forename,DOB,Year,Reg,Address,Postcode',
  'A123456789012,Hughes,Amelia,04/03/2016,5,5H,14 Larch Avenue,WR1 2AB',
  'P123456789013,Hughes,Benjamin,21/07/2018,3,3K,14 Larch Avenue,WR1 2AB',
].join('\n');
const rosterFile = { fileName: 'roster.csv', dataBase64: Buffer.from(roster).toString('base64') };
const rosterMapping = { UPN: 'upn', Surname: 'legalLastName', Forename: 'legalFirstName', DOB: 'dateOfBirth', Year: 'yearGroup', Reg: 'registrationGroup', Address: 'address', Postcode: 'postcode' } as const;

const secrets = {
  dslAddendum: 'Father known to police for violence',
  childFileEntry: 'Strategy meeting held with children’s social care',
  otherStaffWords: 'Ben said he is scared to go home',
  ownWords: 'Amy had a round bruise on her forearm',
  // A low-level concern about the DSL, sent to the headteacher: only the head may read it.
  aboutAnAdult: 'Priya left the office door open with files on the desk',
  // An allegation about the headteacher, sent to the chair of governors: never the head's to see.
  aboutTheHead: 'The head pushed a pupil against the wall',
};

interface School {
  app: SafeguardingApp;
  recoveryKey: string;
  amyId: string;
  householdId: string;
  staffConcernId: string;
  attachmentId: string;
  spareAccountId: string;
  adultConcernId: string;
  aboutHeadId: string;
  holders: { headteacherUserId: string; chairOfGovernorsUserId: string; dslUserId: null; lowLevelTo: 'headteacher'; headIsProprietor: false };
  categories: Awaited<ReturnType<typeof call<'concerns.categories'>>>;
}

let school: School;

const concernAbout = (pupilId: string, whatHappened: string, childWords: string) => ({
  pupils: [{ pupilId, part: 'subject' as const }],
  occurredDate: '2026-11-23',
  occurredTime: '09:15',
  location: 'Playground',
  whatHappened,
  childWords,
  categories: ['physical-abuse'],
});

async function signInAs(app: SafeguardingApp, username: string, password: string) {
  await call(app, 'session.signOut', {});
  await call(app, 'session.signIn', { username, password });
}

beforeAll(async () => {
  const app = newApp(tempDataDir(), { clock: () => new Date('2026-11-23T10:00:00Z') });
  const { recoveryKey } = await setUpSchool(app);
  // Staff's concerns are stored at once, as on a hub with a DSL signed in (decision 0022).
  await keepRecordsOpen(app);
  await call(app, 'roster.import', { file: rosterFile, mapping: rosterMapping, leftOn: '2026-07-22' });
  const [amy, ben] = await call(app, 'pupils.search', { query: 'hughes' });
  const householdId = amy!.householdId!;
  expect(ben!.householdId).toBe(householdId);
  const accounts = { staff: 'ta.smith', other: 'mr.jones', head: 'head.teacher', admin: 'it.lead', spare: 'spare.account', governor: 'chair.governors' } as const;
  await addAccount(app, accounts.staff, 'staff', 'support', 'temporary password 1');
  await addAccount(app, accounts.other, 'staff', 'teaching', 'temporary password 2');
  await addAccount(app, accounts.head, 'head', 'leadership', 'temporary password 3');
  await addAccount(app, accounts.admin, 'admin', 'office', 'temporary password 4');
  const spare = await addAccount(app, accounts.spare, 'staff', 'other', 'temporary password 5');
  await addAccount(app, accounts.governor, 'governor', 'other', 'temporary password 6');
  const categories = await call(app, 'concerns.categories', {});
  for (const [username, temporary] of [[accounts.staff, 'temporary password 1'], [accounts.other, 'temporary password 2'], [accounts.head, 'temporary password 3'], [accounts.admin, 'temporary password 4'], [accounts.governor, 'temporary password 6']] as const) {
    await call(app, 'session.signOut', {});
    await signInFirstTime(app, username, temporary, `${username} own password`);
  }

  await signInAs(app, accounts.other, 'mr.jones own password');
  await call(app, 'concerns.submit', concernAbout(ben!.id, 'Ben was crying at the gate', secrets.otherStaffWords));
  const dslId = (await call(app, 'adults.staffList', {})).find((person) => person.displayName === 'Priya Jones')!.id;
  const { id: adultConcernId } = await call(app, 'adults.log', { subject: { userId: dslId }, occurredDate: '2026-11-23', whatHappened: secrets.aboutAnAdult, childHarm: 'no' });
  await signInAs(app, accounts.staff, 'ta.smith own password');
  const { id: staffConcernId } = await call(app, 'concerns.submit', {
    ...concernAbout(amy!.id, secrets.ownWords, 'I fell over'),
    attachments: [{ name: 'note.png', type: 'image/png', dataBase64: PNG.toString('base64') }],
  });
  const attachmentId = (await call(app, 'concerns.get', { concernId: staffConcernId })).attachments[0]!.id;

  await signInAs(app, accounts.head, 'head.teacher own password');
  const headId = (await call(app, 'adults.staffList', {})).find((person) => person.displayName === accounts.head)!.id;
  const chairId = (await call(app, 'adults.staffList', {})).find((person) => person.displayName === accounts.governor)!.id;
  const holders = { headteacherUserId: headId, chairOfGovernorsUserId: chairId, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false } as const;
  await call(app, 'adults.setRoleHolders', holders);
  await signInAs(app, accounts.other, 'mr.jones own password');
  const { id: aboutHeadId } = await call(app, 'adults.log', { subject: { userId: headId }, occurredDate: '2026-11-23', whatHappened: secrets.aboutTheHead, childHarm: 'yes' });

  await signInAs(app, 'dsl.jones', DSL_PASSWORD);
  await call(app, 'concerns.get', { concernId: staffConcernId });
  await call(app, 'concerns.addAddendum', { concernId: staffConcernId, text: secrets.dslAddendum });
  await call(app, 'children.addEvent', { pupilId: amy!.id, kind: 'strategy_meeting', occurredOn: '2026-11-23', occurredAtTime: '09:30', summary: secrets.childFileEntry });
  school = { app, recoveryKey, amyId: amy!.id, householdId, staffConcernId, attachmentId, spareAccountId: spare.id, adultConcernId, aboutHeadId, holders, categories };
  // A dozen first sign-ins and a roster: well past the default hook allowance on a loaded machine.
}, 60_000);

/** An input for every command staff, a head or an administrator may call; the sweep fails if one is missing. */
function inputs(s: School, role: Role): Partial<Record<CommandName, unknown>> {
  // Each recipient is given the record routed to them, so the sweep reads what they may and looks for the rest.
  const adultId = role === 'governor' ? s.aboutHeadId : s.adultConcernId;
  return {
    'app.status': {},
    'setup.confirmRecoveryKey': { confirmed: true },
    'session.touch': {},
    'session.changePassword': { currentPassword: 'not my password at all', newPassword: 'another long password' },
    'session.verifyCode': { code: '000000' },
    'secondFactor.startEnrolment': {},
    'secondFactor.confirmEnrolment': { code: '000000' },
    'secondFactor.status': {},
    'secondFactor.newRecoveryCodes': { code: '000000' },
    'accounts.resetSecondFactor': { userId: s.spareAccountId },
    'accounts.list': {},
    'accounts.create': { username: `new.${Math.random().toString(36).slice(2, 8)}`, displayName: 'New person', role: 'staff', staffGroup: 'office', temporaryPassword: 'temporary password 7' },
    'accounts.disable': { userId: s.spareAccountId, version: versionNow(s.app, 'account', s.spareAccountId), reason: 'Left the school' },
    'accounts.resetPassword': { userId: s.spareAccountId, temporaryPassword: 'temporary password 8', authority: { kind: 'recovery_key', recoveryKey: s.recoveryKey } },
    'sessions.list': {},
    // A session that has already ended: the answer must still carry nothing it should not.
    'sessions.end': { ref: '01900000-0000-7000-8000-000000000001' },
    'settings.get': {},
    'settings.unlockAtStartState': {},
    'setup.progress': {},
    'settings.update': { version: settingsVersionNow(s.app), idleLockMinutes: 10 },
    'audit.verify': {},
    'system.noop': {},
    // Connect mode's own: refused here (this is a computer with its own records), and the refusal carries nothing.
    'connect.lookUpHub': { hubUrl: 'https://records-hub:8443' },
    'connect.enrol': { hubUrl: 'https://records-hub:8443', code: '7K3M-Q9XD-2HJR' },
    'pupils.pick': { query: 'hughes' },
    'pupils.search': { query: 'hughes', includeLeavers: true },
    'pupils.siblings': { pupilId: s.amyId },
    'pupils.get': { pupilId: s.amyId },
    'pupils.create': { upn: null, legalFirstName: 'Cara', legalLastName: 'Lewis', dateOfBirth: '2017-01-02' },
    'pupils.update': { pupilId: s.amyId, version: versionNow(s.app, 'pupil', s.amyId), details: { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5', registrationGroup: '5H', address: '14 Larch Avenue', postcode: 'WR1 2AB' } },
    'roster.preview': { file: rosterFile, mapping: rosterMapping },
    'roster.import': { file: rosterFile, mapping: rosterMapping, leftOn: '2026-07-22' },
    'concerns.categories': {},
    'concerns.updateCategories': { categories: s.categories },
    'concerns.formContext': {},
    'concerns.submit': concernAbout(s.amyId, 'Amy was quiet all morning', 'I am tired'),
    'concerns.mine': {},
    'intake.voucher': { publicKey: crypto.randomBytes(32).toString('base64') },
    'concerns.get': { concernId: s.staffConcernId },
    'concerns.attachment': { concernId: s.staffConcernId, attachmentId: s.attachmentId },
    'concerns.addAddendum': { concernId: s.staffConcernId, text: 'Something I remembered' },
    'drafts.save': { draftId: null, form: '{}' },
    'drafts.mine': {},
    'drafts.discard': { draftId: '01900000-0000-7000-8000-000000000000' },
    'packs.list': {},
    'packs.get': { packId: 'worcestershire' },
    'packs.choose': { packId: 'worcestershire', areaId: null },
    'packs.import': { fileName: 'pack.json', text: '{}' },
    'packs.updateContact': { packId: 'worcestershire', contactId: 'no-such-contact', phone: '01905 000000' },
    'packs.whoToCallNow': {},
    'reports.dashboard': { period: { kind: 'this_school_year' }, audience: 'head' },
    'reports.exportCsv': { period: { kind: 'this_school_year' }, audience: 'head' },
    'reports.exportGovernorsPdf': { period: { kind: 'this_school_year' } },
    'adults.staffList': {},
    'adults.log': { subject: { name: 'A visiting coach', relationship: 'contractor', employer: 'Sports Ltd' }, occurredDate: '2026-11-23', whatHappened: 'Swore at pupils', childHarm: 'no' },
    'adults.mine': {},
    'adults.alerts': {},
    'adults.register': { kind: 'low_level' },
    'adults.get': { id: adultId },
    'adults.respond': { id: adultId, kind: 'none' },
    'adults.escalate': { id: adultId, reason: 'Sweep' },
    'adults.recordLado': { id: adultId, consultedDate: '2026-11-23', consultedTime: '09:00', advice: 'Sweep' },
    'adults.addAction': { id: adultId, kind: 'other', note: 'Sweep' },
    'adults.recordOutcome': { id: adultId, outcome: 'false', decidedOn: '2026-11-23' },
    'adults.recordReferral': { id: adultId, body: 'dbs', referredOn: '2026-11-23' },
    'adults.recordPersonDetails': { id: adultId, personLeftOn: null, dateOfBirth: null },
    'adults.removeMalicious': { id: adultId, confirm: true },
    'adults.exportSummary': { id: adultId, kind: 'person_summary', recipient: 'Sweep', purpose: 'Sweep' },
    'adults.roleHolders': {},
    'adults.setRoleHolders': s.holders,
  };
}

/** Every string in an answer, with base64 files decoded, so a leak inside an exported file is found too. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, item]) => (key === 'dataBase64' && typeof item === 'string' ? Buffer.from(item, 'base64').toString('latin1') : `${key}: ${textOf(item)}`))
      .join('\n');
  }
  return String(value);
}

const roleAccounts: Record<Exclude<Role, 'dsl'>, { username: string; password: string }> = {
  staff: { username: 'ta.smith', password: 'ta.smith own password' },
  head: { username: 'head.teacher', password: 'head.teacher own password' },
  admin: { username: 'it.lead', password: 'it.lead own password' },
  governor: { username: 'chair.governors', password: 'chair.governors own password' },
};

/** domain.md: staff and heads never see a child's file or what the DSL wrote; administrators no safeguarding content. */
function neverSeen(role: Exclude<Role, 'dsl'>, s: School): string[] {
  const safeguarding = [secrets.dslAddendum, secrets.childFileEntry, secrets.otherStaffWords];
  // Dates of birth, addresses and households are roster facts the administrator keeps; to anyone else they are a file.
  const rosterFacts = ['2016-03-04', '04/03/2016', 'Larch Avenue', 'WR1 2AB', s.householdId];
  // A concern about an adult is for its recipient alone (here the head): staff, administrators and governors never.
  const adults = [secrets.aboutAnAdult, secrets.aboutTheHead];
  if (role === 'admin') return [...safeguarding, secrets.ownWords, ...adults];
  if (role === 'head') return [...safeguarding, secrets.ownWords, secrets.aboutTheHead, ...rosterFacts];
  if (role === 'governor') return [...safeguarding, secrets.ownWords, secrets.aboutAnAdult, ...rosterFacts];
  return [...safeguarding, ...adults, ...rosterFacts];
}

// Commands that end or change whose session it is, or need no session: the sweep signs in itself.
const notSwept = new Set<CommandName>(['setup.create', 'session.signIn', 'session.unlock', 'session.lock', 'session.signOut']);

describe('what each role receives', () => {
  for (const role of ['staff', 'head', 'admin', 'governor'] as const) {
    it(`gives ${role} nothing of a child’s file, a DSL’s notes or anyone else’s concern, from any command it may call`, async () => {
      const { app } = school;
      await signInAs(app, roleAccounts[role].username, roleAccounts[role].password);
      const allowed = (Object.keys(commands) as CommandName[]).filter((name) => roleMay(role, commands[name].permission) && !notSwept.has(name));
      const table = inputs(school, role);
      expect(allowed.filter((name) => !(name in table)), 'commands without a sweep input').toEqual([]);
      const leaks: string[] = [];
      let answered = 0;
      for (const name of allowed) {
        const result = await dispatch(app, name, table[name], personAt(app));
        if (result.ok) answered += 1;
        const text = textOf(result).toLowerCase();
        for (const secret of neverSeen(role, school)) if (text.includes(secret.toLowerCase())) leaks.push(`${name} → “${secret}”`);
      }
      expect(leaks).toEqual([]);
      // The sweep means something only if most commands answered rather than failed.
      expect(answered).toBeGreaterThan(allowed.length / 2);
    });
  }

  it('gives the author of a concern what they wrote and that it was read, and none of what the DSL added', async () => {
    const { app, staffConcernId } = school;
    await signInAs(app, 'ta.smith', 'ta.smith own password');
    const view = await call(app, 'concerns.get', { concernId: staffConcernId });
    expect(view.whatHappened).toBe(secrets.ownWords);
    expect(view.status).toBe('read');
    expect(view.addenda.map((addendum) => addendum.author)).not.toContain('Priya Jones');
    expect(JSON.stringify(view)).not.toContain(secrets.dslAddendum);
  });

  it('gives staff a pupil by name, year and class only; the DSL and the administrator keep the household', async () => {
    const { app } = school;
    await signInAs(app, 'ta.smith', 'ta.smith own password');
    const [picked] = await call(app, 'pupils.pick', { query: 'amelia' });
    expect(Object.keys(picked!).sort()).toEqual(['id', 'legalFirstName', 'legalLastName', 'preferredName', 'registrationGroup', 'yearGroup']);
    expect(await dispatch(app, 'pupils.siblings', { pupilId: school.amyId }, personAt(app))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const [username, password] of [['dsl.jones', DSL_PASSWORD], ['it.lead', 'it.lead own password']] as const) {
      await signInAs(app, username, password);
      const [found] = await call(app, 'pupils.search', { query: 'amelia' });
      expect(found, username).toMatchObject({ householdId: school.householdId });
    }
  });
});
