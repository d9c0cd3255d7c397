// A school with a term's history for the culture report: a DSL, a headteacher, staff in different jobs (two who
// never log a concern), pupils across year groups, and concerns spread over the spring and summer terms of 2026 —
// made through the host's own app and dispatch on a clock the seed moves, so each concern is recorded when it says.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SafeguardingApp } from '../../../electron/core';
import { knowAuthenticatorFromStore } from './authenticator';
import { call } from './caseworkFlows';
import { filedConcernId } from './seedSchool';
import { dsl } from './flows';

export const head = { username: 'h.marsh', displayName: 'Helen Marsh', temporaryPassword: 'temporary harbour 17', password: 'lighthouse orange meadow' };

/** Everyone who logs or could log a concern; the last two never do. */
export const reportStaff = [
  { username: 's.taylor', displayName: 'Sam Taylor', staffGroup: 'support', logs: true },
  { username: 'p.shah', displayName: 'Priya Shah', staffGroup: 'teaching', logs: true },
  { username: 'r.owusu', displayName: 'Ruth Owusu', staffGroup: 'teaching', logs: true },
  { username: 't.baker', displayName: 'Tom Baker', staffGroup: 'midday', logs: false },
  { username: 'o.grant', displayName: 'Olive Grant', staffGroup: 'office', logs: false },
] as const;
const staffPassword = 'quiet library 2026';
const ownPassword = 'quiet library 2026 changed';

export const reportPupils = [
  { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5', gender: 'Female', senStatus: 'SEN support' },
  { upn: 'B123456789003', legalFirstName: 'Benjamin', legalLastName: 'Cole', dateOfBirth: '2015-01-10', yearGroup: '6', gender: 'Male', senStatus: null },
  { upn: 'C123456789023', legalFirstName: 'Chloe', legalLastName: 'Davies', dateOfBirth: '2017-06-21', yearGroup: '4', gender: 'Female', senStatus: null },
  { upn: 'D123456789014', legalFirstName: 'Dmitri', legalLastName: 'Ivanov', dateOfBirth: '2016-11-02', yearGroup: '5', gender: 'Male', senStatus: 'EHC plan' },
  { upn: 'E123456789005', legalFirstName: 'Esme', legalLastName: 'Fairweather', dateOfBirth: '2018-02-14', yearGroup: '3', gender: 'Female', senStatus: null },
] as const;

/** Every name the seed puts in the store: none may appear in anything made for governors. */
export const seededNames = [
  dsl.displayName,
  head.displayName,
  ...reportStaff.map((member) => member.displayName),
  ...reportPupils.flatMap((pupil) => [pupil.legalFirstName, pupil.legalLastName]),
];

// [author index, pupil index, London date and time (BST = UTC+1 in these months), categories, minutes until the DSL reads it]
type SeedConcern = [number, number, string, string[], number | null];
const concerns: SeedConcern[] = [
  // Spring term 2026 (the term before last: 05/01 to 12/04 in the usual English pattern, which the school has not
  // changed): four concerns from two people.
  [0, 0, '2026-01-14T09:10:00Z', ['neglect'], 30],
  [1, 1, '2026-02-03T11:00:00Z', ['emotional-abuse'], 90],
  [0, 2, '2026-03-10T13:30:00Z', ['attendance'], 45],
  [0, 0, '2026-03-24T08:50:00Z', ['neglect'], 20],
  // Summer term 2026 (last term): eleven concerns from three people.
  [0, 0, '2026-05-05T08:20:00Z', ['neglect'], 25],
  [1, 0, '2026-05-12T10:05:00Z', ['physical-abuse'], 15],
  [2, 1, '2026-05-19T12:40:00Z', ['emotional-abuse'], 60],
  [0, 3, '2026-06-02T09:15:00Z', ['neglect'], 35],
  [1, 0, '2026-06-09T14:00:00Z', ['physical-abuse'], 40],
  [2, 4, '2026-06-16T10:30:00Z', ['online-safety'], 120],
  [0, 3, '2026-06-23T08:45:00Z', ['neglect'], 30],
  [1, 2, '2026-06-30T11:20:00Z', ['mental-health'], 50],
  [2, 0, '2026-07-07T09:00:00Z', ['neglect'], 20],
  [0, 1, '2026-07-14T13:10:00Z', ['emotional-abuse'], 70],
  [1, 3, '2026-07-15T10:00:00Z', ['neglect'], null],
];

/** Sets the school up with its staff, pupils and concerns; the clock ends where the caller left it. */
export async function seedReportSchool(app: SafeguardingApp, setNow: (iso: string) => void, today: string): Promise<void> {
  setNow('2026-01-05T08:00:00Z');
  await call(app, 'setup.create', { school: { name: 'Oakfield Primary School', urn: '123456', localAuthority: 'worcestershire' }, dsl: { username: dsl.username, displayName: dsl.displayName, password: dsl.password } });
  await call(app, 'setup.confirmRecoveryKey', { confirmed: true });
  await call(app, 'packs.choose', { packId: 'worcestershire-2019' });
  const pupilIds: string[] = [];
  for (const pupil of reportPupils) pupilIds.push((await call(app, 'pupils.create', { ...pupil })).id);
  await call(app, 'accounts.create', { username: head.username, displayName: head.displayName, role: 'head', staffGroup: 'leadership', temporaryPassword: head.temporaryPassword });
  for (const member of reportStaff) {
    await call(app, 'accounts.create', { username: member.username, displayName: member.displayName, role: 'staff', staffGroup: member.staffGroup, temporaryPassword: staffPassword });
  }
  await call(app, 'session.signOut', {});

  const signedIn = new Set<string>();
  for (const [author, pupil, recordedAt, categories, readAfterMinutes] of concerns) {
    const member = reportStaff[author]!;
    setNow(recordedAt);
    // The first sign-in is with the temporary password, which must then be changed.
    const first = !signedIn.has(member.username);
    await call(app, 'session.signIn', { username: member.username, password: first ? staffPassword : ownPassword });
    if (first) {
      await call(app, 'session.changePassword', { currentPassword: staffPassword, newPassword: ownPassword });
      signedIn.add(member.username);
    }
    const concern = await call(app, 'concerns.submit', {
      pupils: [{ pupilId: pupilIds[pupil]!, part: 'subject' }],
      occurredDate: recordedAt.slice(0, 10),
      occurredTime: '08:00',
      whatHappened: `Seeded concern about ${reportPupils[pupil]!.legalFirstName} for the culture report.`,
      categories,
    });
    await call(app, 'session.signOut', {});
    if (readAfterMinutes !== null) {
      setNow(new Date(Date.parse(recordedAt) + readAfterMinutes * 60_000).toISOString());
      await call(app, 'session.signIn', { username: dsl.username, password: dsl.password });
      // The staff member's sign-in could not open the records, so the concern was sealed; the DSL's sign-in filed it.
      await call(app, 'concerns.get', { concernId: filedConcernId(app, concern) });
      await call(app, 'session.signOut', {});
    }
  }
  // The head has already chosen their own password, so the browser test starts at the sign-in page.
  await call(app, 'session.signIn', { username: head.username, password: head.temporaryPassword });
  await call(app, 'session.changePassword', { currentPassword: head.temporaryPassword, newPassword: head.password });
  // Both enrolled an authenticator through the core; the browser test's phone learns their secrets.
  knowAuthenticatorFromStore(app, head.username);
  knowAuthenticatorFromStore(app, dsl.username);
  await call(app, 'session.signOut', {});
  setNow(`${today}T09:00:00Z`);
}

/** The text of a PDF, via poppler's pdftotext. */
export function pdfText(bytes: Buffer): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
  try {
    const file = path.join(folder, 'report.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** With E2E_SCREENSHOTS=/some/folder, keeps a full-page picture of each step for a person to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder) await page.screenshot({ path: `${folder}/reports-${name}.png`, fullPage: true });
}
