// The culture report through the real dispatch on a real encrypted school: who may run it, what each audience
// gets, and that the governors' PDF and CSV name no child and no member of staff.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/core';
import { csvField } from '../../../../../electron/core/reports';
import { commands, type CommandName } from '../../../../../shared/api';
import { flatten, missingPoppler, pdfText, popplerMessage } from '../pdf/pdfReadBack';
import { addAccount, call, newApp, setUpSchool, signInFirstTime, daysPassWhileSignedIn } from '../testSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const HEAD_PASSWORD = 'head teacher own password';
const PUPILS = [
  { legalFirstName: 'Amelia', legalLastName: 'Hughes', yearGroup: '3', gender: 'F', senStatus: 'K - SEN Support' },
  { legalFirstName: 'Zbigniew', legalLastName: 'Kowalczyk', yearGroup: '5', gender: 'M', senStatus: 'N - No Special Educational Need' },
] as const;

/** A school where the DSL and a teaching assistant logged concerns in November 2026, and a head who signs in. */
async function schoolWithConcerns() {
  let now = new Date('2026-11-02T09:00:00Z');
  const app = newApp(undefined, { clock: () => now, ...daysPassWhileSignedIn });
  await setUpSchool(app);
  const pupilIds: string[] = [];
  for (const pupil of PUPILS) pupilIds.push((await call(app, 'pupils.create', { ...pupil, dateOfBirth: '2017-03-04' })).id);
  await addAccount(app, 'ta.wisniewska', 'staff', 'support', 'temporary password 1');
  await call(app, 'accounts.create', { username: 'midday.okafor', displayName: 'Chidi Okafor', role: 'staff', staffGroup: 'midday', temporaryPassword: 'temporary password 2' });
  await addAccount(app, 'head.patel', 'head', 'leadership', 'temporary password 3');
  const submit = (pupilId: string, categories: string[]) =>
    call(app, 'concerns.submit', { pupils: [{ pupilId, part: 'subject' }], occurredDate: now.toISOString().slice(0, 10), occurredTime: '08:30', whatHappened: 'Arrived hungry and upset.', categories });
  for (const day of ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']) {
    now = new Date(`${day}T09:00:00Z`);
    await submit(pupilIds[0]!, ['neglect']);
  }
  now = new Date('2026-11-09T10:00:00Z');
  await submit(pupilIds[1]!, ['mental-health']);
  await call(app, 'session.signOut', {});
  now = new Date('2026-11-20T12:00:00Z');
  await signInFirstTime(app, 'head.patel', 'temporary password 3', HEAD_PASSWORD);
  return { app };
}

const november = { kind: 'custom', from: '2026-11-01', to: '2026-11-30' } as const;

describe('culture reports through dispatch', () => {
  it('gives the head the dashboard, with the names of staff who logged nothing', async () => {
    const { app } = await schoolWithConcerns();
    const view = await call(app, 'reports.dashboard', { period: november, audience: 'head' });
    expect(view.concernsLogged.total.current.value).toBe(6);
    // The DSL logged all six; the TA, the midday supervisor and the head logged none.
    expect(view.vigilance.staffWhoLogged.current.value).toBe(1);
    expect(view.vigilance.activeStaff.current.value).toBe(4);
    expect(view.vigilance.neverLogged?.map((member) => member.name).sort()).toEqual(['Chidi Okafor', 'head.patel', 'ta.wisniewska']);
    expect(Object.fromEntries(view.byCategory.rows.map((row) => [row.key, row.current.value]))).toEqual({ neglect: 5, 'mental-health': 1 });
  });

  it('suppresses small numbers and names nobody in the governors’ dashboard', async () => {
    const { app } = await schoolWithConcerns();
    const view = await call(app, 'reports.dashboard', { period: november, audience: 'governors' });
    expect(view.vigilance.neverLogged).toBeNull();
    // Four active accounts are a small group: the dashboard withholds them just as the PDF does.
    expect(view.vigilance.activeStaff.current).toMatchObject({ display: 'fewer than 5', suppressed: true });
    expect(view.vigilance.staffWhoLogged.current).toMatchObject({ display: 'fewer than 5', suppressed: true });
    expect(view.vigilance.share.current.value).toBeNull();
    const categories = Object.fromEntries(view.byCategory.rows.map((row) => [row.key, row.current.display]));
    // Neglect's 5 would let the 1 be worked out from the total of 6, so it is withheld as well.
    expect(categories).toEqual({ neglect: 'withheld', 'mental-health': 'fewer than 5' });
    expect(JSON.stringify(view)).not.toMatch(/Okafor|wisniewska|head\.patel|Priya Jones|Amelia|Hughes|Zbigniew|Kowalczyk/);
  });

  it('exports the measures as CSV, without staff names for governors', async () => {
    const { app } = await schoolWithConcerns();
    const file = await call(app, 'reports.exportCsv', { period: november, audience: 'governors' });
    expect(file).toMatchObject({ fileName: 'culture-report-governors-2026-11-01-to-2026-11-30.csv', mimeType: 'text/csv' });
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFSafeguarding culture report,For governors\r\n')).toBe(true);
    expect(text).toContain('Concerns logged,Concerns logged,Total,6,0,,');
    expect(text).not.toMatch(/Okafor|wisniewska|head\.patel|Amelia|Kowalczyk/);
    const headFile = await call(app, 'reports.exportCsv', { period: november, audience: 'head' });
    expect(Buffer.from(headFile.dataBase64, 'base64').toString('utf8')).toContain('Chidi Okafor,Midday supervisor,Active');
  });

  it.skipIf(missingPoppler.length > 0)('makes a governors’ PDF with the period, the narrative, definitions and the suppression note, naming no one', async () => {
    if (missingPoppler.length > 0) throw new Error(popplerMessage);
    const { app } = await schoolWithConcerns();
    const file = await call(app, 'reports.exportGovernorsPdf', { period: november });
    expect(file.fileName).toBe('culture-report-governors-2026-11-01-to-2026-11-30.pdf');
    const text = flatten(pdfText(Buffer.from(file.dataBase64, 'base64')));
    expect(text).toContain('Safeguarding culture report for governors');
    expect(text).toContain('Period: 01/11/2026 to 30/11/2026');
    expect(text).toContain('Produced on: 20/11/2026 12:00');
    expect(text).toContain('6 concerns were logged; none were logged in the 30 days before.');
    expect(text).toContain('fewer than 5');
    // The account counts the dashboard shows are printed too, suppressed as small numbers are: with only 4 active
    // accounts, "1 of 4" would nearly name the one member of staff who logged.
    expect(text).toMatch(/Active staff accounts fewer than 5/);
    expect(text).toMatch(/Staff who logged at least one concern fewer than 5/);
    expect(text).toContain('Fewer than 5 staff accounts were active in the period, so how many logged a concern is withheld.');
    expect(text).not.toMatch(/1 of 4 active accounts/);
    expect(text).toMatch(/To protect children’s identities/);
    expect(text).toContain('What this counts: Concerns recorded by any member of staff');
    for (const name of ['Priya', 'Jones', 'Chidi', 'Okafor', 'wisniewska', 'patel', 'Amelia', 'Hughes', 'Zbigniew', 'Kowalczyk']) expect(text, name).not.toContain(name);
    expect(file.pageCount).toBeGreaterThan(1);
  });

  it('does not count a referral made minutes ago as late: only referrals past their deadline are judged', async () => {
    let now = new Date('2026-11-20T10:00:00Z');
    const app = newApp(undefined, { clock: () => now, ...daysPassWhileSignedIn });
    await setUpSchool(app);
    const amelia = await call(app, 'pupils.create', { ...PUPILS[0], dateOfBirth: '2017-03-04' });
    const refer = (referredOn: string, referredAtTime: string) =>
      call(app, 'referrals.create', { pupilId: amelia.id, agency: 'mash', contact: { name: 'MASH' }, method: 'online_form', referredOn, referredAtTime, whatShared: 'Concern.', consent: 'given' });
    // Made on Monday 16/11, due by the end of Tuesday, never acknowledged: late.
    await refer('2026-11-16', '09:00');
    // Made ten minutes ago: due tomorrow, so neither late nor on time yet.
    await refer('2026-11-20', '09:50');
    now = new Date('2026-11-20T10:00:00Z');
    const view = await call(app, 'reports.dashboard', { period: november, audience: 'head' });
    expect(view.outcomes.referralsMade.current.value).toBe(2);
    expect(view.outcomes.referralsDue.current.value).toBe(1);
    expect(view.outcomes.acknowledgedInTime.current.value).toBe(0);
    expect(view.outcomes.acknowledgedInTimeShare.current.display).toBe('0%');
    expect(view.narrative.join(' ')).toContain('2 referrals were made; 0 (0%) of the 1 past their deadline acknowledged within 1 working day.');

    // With only the new one in the period, nothing is judged at all.
    const today = await call(app, 'reports.dashboard', { period: { kind: 'custom', from: '2026-11-20', to: '2026-11-20' }, audience: 'head' });
    expect(today.outcomes.referralsDue.current.value).toBe(0);
    expect(today.outcomes.acknowledgedInTimeShare.current.display).toBe('not available');
    expect(today.narrative.join(' ')).toContain('1 referral was made; none has reached its acknowledgement deadline yet.');
  });

  it('lets neither staff nor an administrator run any report command', async () => {
    const app = newApp();
    await setUpSchool(app);
    await addAccount(app, 'ta.smith', 'staff', 'support', 'temporary password 1');
    await addAccount(app, 'it.admin', 'admin', 'office', 'temporary password 2');
    for (const [username, temporary] of [['ta.smith', 'temporary password 1'], ['it.admin', 'temporary password 2']] as const) {
      await call(app, 'session.signOut', {});
      await signInFirstTime(app, username, temporary, `${username} own long password`);
      for (const name of ['reports.dashboard', 'reports.exportCsv', 'reports.exportGovernorsPdf'] as const) {
        expect(await dispatch(app, name, { period: { kind: 'this_term' }, audience: 'head' }, personAt(app)), `${username} ${name}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
  });

  it('refuses a head session every child-level command', async () => {
    const { app } = await schoolWithConcerns();
    const childLevel = (Object.keys(commands) as CommandName[]).filter((name) => commands[name].permission === 'children.read' || commands[name].permission === 'children.write');
    expect(childLevel.length).toBeGreaterThan(10);
    for (const name of childLevel) {
      expect(await dispatch(app, name, {}, personAt(app)), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('answers a back-to-front custom period with a message beside the field', async () => {
    const { app } = await schoolWithConcerns();
    const result = await dispatch(app, 'reports.dashboard', { period: { kind: 'custom', from: '2026-11-30', to: '2026-11-01' }, audience: 'head' }, personAt(app));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'period.to': ['The end date must be on or after the start date'] } } });
  });
});

describe('CSV fields (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hello"')).toBe('"say ""hello"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(12)).toBe('12');
    expect(csvField(null)).toBe('');
  });

  it('stops a cell being run as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+44 1234')).toBe("'+44 1234");
  });
});
