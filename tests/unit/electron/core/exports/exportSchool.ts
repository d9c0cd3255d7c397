// A school with a child whose file is worth exporting: a concern logged by a teacher (with the child's words,
// another child named, and body-map marks), a decision, a referral and an Operation Encompass notification.
import type { SafeguardingApp } from '../../../../../electron/core';
import { extractWith7z, has7z, sevenZipMessage } from '../../../../fixtures/archives/extractWith7z';
import { missingPoppler, popplerMessage } from '../pdf/pdfReadBack';
import { DSL_PASSWORD, call, keepRecordsOpen, newApp, setUpSchool, signInFirstTime, tempDataDir } from '../testSchool';

export const TEACHER = 'Rajesh Okonkwo-Patel';
export const OTHER_CHILD = { first: 'Benedict', last: 'Ashworth-Cole' };
export const CHILD_WORDS = 'Dad grabbed my arm really hard when I spilt the juice — he said “you’ll get worse next time”.';

export async function exportSchool(start = '2026-11-23T10:00:00Z', school = { name: 'Oakfield Primary School', urn: '123456' }) {
  let now = new Date(start);
  // The retention test moves the clock on six years while the DSL stays signed in.
  const app = newApp(tempDataDir(), { clock: () => now, sessionLifetimeHours: 24 * 366 * 10 });
  const { user: dsl } = await call(app, 'setup.create', {
    school: { ...school, localAuthority: 'worcestershire' },
    dsl: { username: 'dsl.jones', displayName: 'Priya Jones', password: DSL_PASSWORD },
  });
  // The teacher's concern is stored at once, as on a hub with a DSL signed in elsewhere (decision 0022).
  await keepRecordsOpen(app);
  await call(app, 'accounts.create', { username: 'teacher.one', displayName: TEACHER, role: 'staff', staffGroup: 'teaching', temporaryPassword: 'temporary password 1' });
  const amy = await call(app, 'pupils.create', {
    upn: 'A123456789012',
    legalFirstName: 'Amelia',
    legalLastName: 'Hughes',
    preferredName: 'Amy',
    dateOfBirth: '2016-03-04',
    yearGroup: '5',
    registrationGroup: '5H',
    address: '12 Elm Road, Worcester',
    postcode: 'WR1 1AA',
    ethnicity: 'White British',
    firstLanguage: 'English',
    contacts: [{ name: 'Sarah Hughes', relationship: 'Mother', phone: '07700 900123', parentalResponsibility: true }],
  });
  const ben = await call(app, 'pupils.create', { upn: 'B123456789003', legalFirstName: OTHER_CHILD.first, legalLastName: OTHER_CHILD.last, dateOfBirth: '2016-05-01', yearGroup: '5' });
  await call(app, 'session.signOut', {});
  await signInFirstTime(app, 'teacher.one', 'temporary password 1', 'teacher one own password');
  const { id: concernId } = await call(app, 'concerns.submit', {
    pupils: [
      { pupilId: amy.id, part: 'subject' },
      { pupilId: ben.id, part: 'witness' },
    ],
    occurredDate: '2026-11-23',
    occurredTime: '08:45',
    location: 'Classroom 5H',
    whatHappened: `Amy had a bruise on her left forearm. ${OTHER_CHILD.first} ${OTHER_CHILD.last} saw it at breakfast club and told me.`,
    childWords: CHILD_WORDS,
    othersPresent: `${OTHER_CHILD.first} ${OTHER_CHILD.last}`,
    actionTaken: 'Listened, did not ask leading questions, told the DSL straight away.',
    categories: ['physical-abuse'],
    bodyMap: [
      { view: 'front', x: 0.2, y: 0.35, size: '3 cm', colour: 'purple', shape: 'finger-tip marks', childExplanation: 'Dad grabbed me' },
      { view: 'back', x: 0.55, y: 0.2, size: '1 cm', colour: 'yellow', shape: 'round', childExplanation: '' },
    ],
  });
  await call(app, 'session.signOut', {});
  await call(app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
  await call(app, 'children.addEvent', { pupilId: amy.id, kind: 'operation_encompass', occurredOn: '2026-11-22', occurredAtTime: '23:10', summary: `Police attended a domestic incident at home; Amy present. ${TEACHER} informed.`, source: 'West Mercia Police' });
  await call(app, 'decisions.record', {
    pupilId: amy.id,
    concernId,
    decision: 'mash_referral',
    reasons: `Disclosure of physical harm by father, with Operation Encompass notification the night before. Reported by ${TEACHER}.`,
    consent: 'not_sought',
    consentReason: 'Seeking consent could place Amy at increased risk of harm.',
    sharing: { what: 'Concern and disclosure', withWhom: 'Worcestershire Family Front Door', lawfulBasis: 'safeguarding_children' },
  });
  return { app, dsl, amy, ben, concernId, setNow: (next: string) => (now = new Date(next)) };
}

/**
 * For a suite whose whole point is reading the files back: fails every test at once with what to install, rather
 * than skipping them, because a skipped read-back passes while checking nothing. CI installs both (.ci/run).
 */
export function requireReadBackTools(): void {
  const missing = [...(has7z ? [] : [sevenZipMessage]), ...(missingPoppler.length === 0 ? [] : [popplerMessage])];
  if (missing.length > 0) throw new Error(`Cannot read the exported files back — ${missing.join('; ')}. CI installs them in .ci/run.`);
}

export async function signInAsStaff(app: SafeguardingApp) {
  await call(app, 'session.signOut', {});
  await call(app, 'session.signIn', { username: 'teacher.one', password: 'teacher one own password' });
}

export { extractWith7z, has7z, sevenZipMessage, setUpSchool };
