import { describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { referralPackDocumentSchema, referralSectionHeadings, referralSectionIds } from '../../../../../shared/exports';
import { DSL_PASSWORD, call } from '../testSchool';
import { flatten, pdfFontsReport, pdfInfo, pdfPages } from '../pdf/pdfReadBack';
import { CHILD_WORDS, exportSchool, extractWith7z, requireReadBackTools, signInAsStaff } from './exportSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const exportInput = (pupilId: string) => ({
  pupilId,
  sections: [...referralSectionIds],
  narratives: { whatTheSchoolIsAskingFor: 'A strategy discussion today and a section 47 enquiry.', worries: 'Bruising consistent with gripping; fear of father.' },
  addressedTo: { packId: null, contactName: 'Worcestershire Family Front Door', phone: '01905 822666', email: '' },
  consent: { position: 'not_sought' as const, reason: 'Seeking consent could place Amy at increased risk of harm.' },
});

describe('the MASH referral pack', () => {
  it('previews every section from the file without changing the file', async () => {
    const { app, amy, concernId } = await exportSchool();
    const before = await call(app, 'children.chronology', { pupilId: amy.id });
    const preview = await call(app, 'exports.referralPreview', { pupilId: amy.id });
    expect(preview.sections.map((section) => section.id)).toEqual([...referralSectionIds]);
    expect(preview.document.currentConcern).toMatchObject({ concernId, childsOwnWords: CHILD_WORDS });
    expect(preview.document.currentConcern?.bodyMap).toHaveLength(2);
    expect(preview.document.reason?.reasonForReferral).toContain('Disclosure of physical harm');
    expect(preview.document.wishesAndFeelings).toContain(CHILD_WORDS);
    expect(await call(app, 'children.chronology', { pupilId: amy.id })).toEqual(before);
    expect(await call(app, 'sharing.log', { pupilId: amy.id })).toHaveLength(1);
  });

  it('exports a PDF with every section in order, the child’s words verbatim, marked and numbered pages, embedded fonts', async () => {
    requireReadBackTools();
    const { app, amy } = await exportSchool();
    const result = await call(app, 'exports.referralExport', { ...exportInput(amy.id), narratives: { ...exportInput(amy.id).narratives, earlyHelp: 'Edited for the pack: none tried.' } });
    expect(result.fileName).not.toMatch(/amelia|hughes|amy/i);
    const files = extractWith7z(Buffer.from(result.dataBase64, 'base64'), result.passphrase!);
    expect(files && [...files.keys()].sort()).toEqual(['referral-pack.json', 'referral-pack.pdf']);
    const pdf = files!.get('referral-pack.pdf')!;
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(result.pageCount);
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page, `page ${index + 1}`).toContain('OFFICIAL-SENSITIVE');
    });
    const text = flatten(pages.join(' '));
    expect(text).toContain('Amelia Hughes');
    expect(text).toContain(flatten(CHILD_WORDS));
    expect(text).toContain('Seeking consent could place Amy at increased risk of harm.');
    expect(text).toContain('Edited for the pack: none tried.');
    let position = -1;
    for (const id of referralSectionIds) {
      const found = text.indexOf(referralSectionHeadings[id], position + 1);
      expect(found, `heading "${referralSectionHeadings[id]}" after the one before`).toBeGreaterThan(position);
      position = found;
    }
    expect(text).toMatch(/Mark .*Where.*Size/);
    for (const row of pdfFontsReport(pdf).split('\n').slice(2).filter((line) => line.trim())) expect(row).toMatch(/DejaVuSans.*\byes\s+yes\b/);
    expect(pdfInfo(pdf)).toMatch(/Tagged:\s+yes/);
    // The child's file is not changed by the edited narrative.
    expect((await call(app, 'exports.referralPreview', { pupilId: amy.id })).document.earlyHelp).not.toContain('Edited for the pack');
  });

  it('writes JSON that validates against its schema, and the archive opens only with the right passphrase', async () => {
    requireReadBackTools();
    const { app, amy } = await exportSchool();
    const result = await call(app, 'exports.referralExport', { ...exportInput(amy.id), sections: ['cover', 'child', 'consent', 'currentConcern'] });
    const archive = Buffer.from(result.dataBase64, 'base64');
    expect(result.passphrase).toMatch(/^([A-HJKMNP-Z2-9]{4}-){5}[A-HJKMNP-Z2-9]{4}$/);
    expect(extractWith7z(archive, 'WRONG-PASS-PHRA-SE00-0000-0000')).toBeNull();
    const files = extractWith7z(archive, result.passphrase!)!;
    const document = referralPackDocumentSchema.parse(JSON.parse(files.get('referral-pack.json')!.toString('utf8')));
    expect(document).toMatchObject({ exportId: result.exportId, household: null, chronology: null, consent: { position: 'not_sought' } });
    expect(document.currentConcern?.childsOwnWords).toBe(CHILD_WORDS);
  });

  it('writes the information-sharing log and the audit with the pupil and export ids', async () => {
    const { app, amy } = await exportSchool();
    const result = await call(app, 'exports.referralExport', exportInput(amy.id));
    const log = await call(app, 'sharing.log', { pupilId: amy.id });
    expect(log.at(-1)).toMatchObject({ shared: true, withWhom: 'Worcestershire Family Front Door', consent: 'not_sought', consentReason: 'Seeking consent could place Amy at increased risk of harm.' });
    expect(log.at(-1)?.what).toMatch(/MASH referral pack.*Why: Referral to children’s social care/);
    const db = app.store!;
    const audit = db.prepare("SELECT record_ids FROM audit_log WHERE command = 'exports.referralExport'").pluck().all() as string[];
    expect(audit.map((ids) => JSON.parse(ids) as string[])).toEqual([[amy.id, result.exportId]]);
    expect(db.prepare('SELECT kind, recipient FROM exports WHERE id = ?').get(result.exportId)).toEqual({ kind: 'referral_pack', recipient: 'Worcestershire Family Front Door' });
  });

  it('is refused to a member of staff, and answers not_found for a forged pupil or concern id', async () => {
    const { app, amy } = await exportSchool();
    expect(await dispatch(app, 'exports.referralPreview', { pupilId: '01900000-0000-7000-8000-000000000000' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'exports.referralExport', exportInput('01900000-0000-7000-8000-000000000000'), personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'exports.referralPreview', { pupilId: amy.id, concernId: '01900000-0000-7000-8000-000000000000' }, personAt(app))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(app, 'exports.referralExport', { ...exportInput(amy.id), consent: { position: 'refused', reason: '' } }, personAt(app))).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'consent.reason': [expect.any(String)] } } });
    await signInAsStaff(app);
    for (const [name, input] of [
      ['exports.referralPreview', { pupilId: amy.id }],
      ['exports.referralExport', exportInput(amy.id)],
      ['exports.chronology', { pupilId: amy.id, format: 'csv', recipient: 'x', purpose: 'y', consent: { position: 'given' } }],
      ['transfers.register', {}],
    ] as const) {
      expect(await dispatch(app, name, input, personAt(app)), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('what the social worker reads is what the DSL wrote', () => {
  const LONG_REASONS = [
    'Not safe to speak to parents first: Amy fears her stepfather will punish her for telling.',
    ...Array.from({ length: 14 }, (_, index) => `Paragraph ${index + 1}: she described the marigold kitchen, the locked pantry and the quince jam jar, word for word as before.`),
    'Closing thought: a strategy discussion today, before she goes home at 15:20.',
  ].join(' ');

  it('carries a decision’s long reasons whole, and before the referral made in the same minute, into the PDF and the JSON', async () => {
    requireReadBackTools();
    const { app, amy, concernId, setNow } = await exportSchool();
    expect(LONG_REASONS.length).toBeGreaterThan(1500);
    setNow('2026-11-23T11:30:41.500Z');
    const { id: decisionId } = await call(app, 'decisions.record', {
      pupilId: amy.id,
      concernId,
      decision: 'mash_referral',
      reasons: LONG_REASONS,
      consent: 'not_sought',
      consentReason: 'Seeking consent could place Amy at increased risk of harm.',
      sharing: { what: 'Concern, disclosure and body map', withWhom: 'Worcestershire Family Front Door', lawfulBasis: 'safeguarding_children' },
    });
    setNow('2026-11-23T11:30:55.000Z');
    await call(app, 'referrals.create', { pupilId: amy.id, decisionId, agency: 'mash', contact: { name: 'Worcestershire Family Front Door' }, method: 'phone', referredOn: '2026-11-23', referredAtTime: '11:30', whatShared: 'Concern, disclosure and body map', consent: 'not_sought', consentReason: 'Seeking consent could place Amy at increased risk of harm.' });
    const result = await call(app, 'exports.referralExport', exportInput(amy.id));
    const files = extractWith7z(Buffer.from(result.dataBase64, 'base64'), result.passphrase!)!;
    const json = referralPackDocumentSchema.parse(JSON.parse(files.get('referral-pack.json')!.toString('utf8')));
    const decisionEntries = json.chronology!.filter((entry) => entry.kind === 'decision');
    expect(decisionEntries.at(-1)!.detail).toContain(LONG_REASONS);
    const kinds = json.chronology!.map((entry) => entry.kind);
    expect(kinds.lastIndexOf('decision')).toBeLessThan(kinds.indexOf('referral'));
    const text = flatten(pdfPages(files.get('referral-pack.pdf')!).join(' '));
    const chronologyText = text.slice(text.indexOf(referralSectionHeadings.chronology));
    expect(chronologyText).toContain(LONG_REASONS);
    expect(chronologyText).not.toContain('…');
    expect(chronologyText.indexOf(LONG_REASONS)).toBeLessThan(chronologyText.indexOf('Referral to Front door / MASH'));
  });
});

describe('a name that tries to read backwards', () => {
  it('takes the right-to-left override out of the name on screen, in the PDF, the JSON and the CSV', async () => {
    requireReadBackTools();
    const { app } = await exportSchool();
    // "Liam\u202Eevil" would show as "Liamlive": the override reverses what follows it.
    const pupil = await call(app, 'pupils.create', { upn: 'D123456789014', legalFirstName: 'Liam\u202Eevil', legalLastName: 'Ward\u2066x\u2069', dateOfBirth: '2016-01-02', yearGroup: '5' });
    await call(app, 'children.addEvent', { pupilId: pupil.id, kind: 'other', occurredOn: '2026-11-20', occurredAtTime: '09:00', summary: 'Mum said Liam\u202Eevil is staying with an aunt.' });
    const file = await call(app, 'children.file', { pupilId: pupil.id });
    expect(file.pupil).toMatchObject({ legalFirstName: 'Liamevil', legalLastName: 'Wardx' });
    const pack = await call(app, 'exports.referralExport', { ...exportInput(pupil.id), consent: { position: 'given' as const, reason: '' } });
    const files = extractWith7z(Buffer.from(pack.dataBase64, 'base64'), pack.passphrase!)!;
    const json = files.get('referral-pack.json')!.toString('utf8');
    const pdf = flatten(pdfPages(files.get('referral-pack.pdf')!).join(' '));
    const csvExport = await call(app, 'exports.chronology', { pupilId: pupil.id, format: 'csv', protect: false, recipient: 'Strategy meeting', purpose: 'Strategy discussion', consent: { position: 'given' as const } });
    const csv = Buffer.from(csvExport.dataBase64, 'base64').toString('utf8');
    for (const [where, text] of [['JSON', json], ['PDF', pdf], ['CSV', csv]] as const) {
      expect(text, where).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(text, where).toContain('Liamevil');
    }
    expect(pdf).toContain('Liamevil Wardx');
  });
});

describe('a referral pack that fails part-way', () => {
  /** Everything a failed export must leave as it was: the sharing log, the export log, and which concerns were read. */
  const traces = (app: SafeguardingApp) => {
    const db = app.store!;
    return {
      sharing: db.prepare('SELECT id, what FROM information_sharing ORDER BY id').all(),
      exports: db.prepare('SELECT id FROM exports').all(),
      concerns: db.prepare('SELECT id, status, read_at AS readAt, read_by AS readBy FROM concerns ORDER BY id').all(),
      sentInAudit: db.prepare("SELECT count(*) FROM audit_log WHERE command = 'exports.referralExport' AND outcome = 'ok'").pluck().get(),
    };
  };

  /** A new concern about Amy from the teacher, still unread, so an export that marks it read can be seen doing so. */
  async function withUnreadConcern() {
    const school = await exportSchool();
    await signInAsStaff(school.app);
    await call(school.app, 'concerns.submit', { pupils: [{ pupilId: school.amy.id, part: 'subject' }], occurredDate: '2026-11-23', occurredTime: '09:30', whatHappened: 'Amy flinched when I raised my hand to point at the board.' });
    await call(school.app, 'session.signOut', {});
    await call(school.app, 'session.signIn', { username: 'dsl.jones', password: DSL_PASSWORD });
    return school;
  }

  it('logs nothing as sent, and marks nothing read, when saving its record fails after the sharing entry is written', async () => {
    const { app, amy } = await withUnreadConcern();
    const before = traces(app);
    expect(before.concerns.some((concern) => (concern as { status: string }).status === 'new')).toBe(true);
    // The sharing entry is written first and the export's own record second: fail the second, as a full disk would.
    app.store!.exec("CREATE TEMP TRIGGER export_record_fails BEFORE INSERT ON exports BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");

    const result = await dispatch(app, 'exports.referralExport', exportInput(amy.id), personAt(app));

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(traces(app)).toEqual(before);
    app.store!.exec('DROP TRIGGER export_record_fails');
    await call(app, 'exports.referralExport', exportInput(amy.id));
    expect(traces(app).sharing).toHaveLength(before.sharing.length + 1);
  });

  it('refuses to log a pack whose child’s file changed while it was being made, and makes it again whole', async () => {
    const { app, amy } = await exportSchool();
    const before = traces(app);
    // The pack is drawn and encrypted while other people's commands run; here a DSL adds an event meanwhile.
    const exporting = dispatch(app, 'exports.referralExport', exportInput(amy.id), personAt(app));
    await call(app, 'children.addEvent', { pupilId: amy.id, kind: 'other', occurredOn: '2026-11-23', occurredAtTime: '11:00', summary: 'Mum rang: Amy will be collected by her aunt today.' });

    expect(await exporting).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/changed while the pack was being made/) } });
    expect(traces(app)).toEqual(before);

    const again = await call(app, 'exports.referralExport', exportInput(amy.id));
    const files = extractWith7z(Buffer.from(again.dataBase64, 'base64'), again.passphrase!);
    requireReadBackTools();
    expect(files?.get('referral-pack.json')?.toString('utf8')).toContain('Amy will be collected by her aunt today.');
  });
});
