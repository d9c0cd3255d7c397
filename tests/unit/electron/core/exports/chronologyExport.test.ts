import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../testSchool';
import { flatten, pdfPages } from '../pdf/pdfReadBack';
import { OTHER_CHILD, TEACHER, exportSchool, extractWith7z, requireReadBackTools } from './exportSchool';
import { personAt } from '../../../../fixtures/doors/callers';

const sharing = { recipient: 'Strategy meeting, Worcestershire Children First', purpose: 'Strategy discussion about Amy', consent: { position: 'not_sought' as const, reason: 'Strategy discussion under s47; consent would put Amy at risk.' } };

describe('chronology exports', () => {
  beforeAll(requireReadBackTools);

  it('paginates a 300-entry chronology with every entry, and a page number on every page', async () => {
    const { app, amy } = await exportSchool();
    for (let index = 0; index < 300; index++) {
      const day = String(1 + (index % 28)).padStart(2, '0');
      await call(app, 'children.addEvent', { pupilId: amy.id, kind: 'other', occurredOn: `2025-${String(1 + Math.floor(index / 28) % 12).padStart(2, '0')}-${day}`, occurredAtTime: '09:00', summary: `Entry number ${index + 1}: Amy arrived late and hungry; breakfast given.` });
    }
    const result = await call(app, 'exports.chronology', { pupilId: amy.id, format: 'pdf', ...sharing });
    const pdf = extractWith7z(Buffer.from(result.dataBase64, 'base64'), result.passphrase!)!.get('chronology.pdf')!;
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(8);
    expect(pages.length).toBeLessThan(60);
    pages.forEach((page, index) => {
      expect(page, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page, `page ${index + 1}`).toContain('OFFICIAL-SENSITIVE');
    });
    const text = flatten(pages.join(' '));
    for (let entry = 1; entry <= 300; entry++) expect(text).toContain(`Entry number ${entry}:`);
  });

  it('anonymises: no staff name and no other child’s name, in the PDF or the CSV', async () => {
    const { app, amy } = await exportSchool();
    const forbidden = [TEACHER, ...TEACHER.split(' '), 'Priya Jones', 'Priya', 'Jones', OTHER_CHILD.first, OTHER_CHILD.last];
    const full = await call(app, 'exports.chronology', { pupilId: amy.id, format: 'pdf', protect: false, ...sharing });
    const fullText = flatten(pdfPages(Buffer.from(full.dataBase64, 'base64')).join(' '));
    expect(fullText).toContain(TEACHER);
    expect(fullText).toContain(OTHER_CHILD.last);

    const anonymised = await call(app, 'exports.chronology', { pupilId: amy.id, format: 'pdf', anonymised: true, ...sharing });
    const text = flatten(pdfPages(extractWith7z(Buffer.from(anonymised.dataBase64, 'base64'), anonymised.passphrase!)!.get('chronology-anonymised.pdf')!).join(' '));
    for (const name of forbidden) expect(text, name).not.toContain(name);
    expect(text).toContain('[another child]');
    expect(text).toContain('Member of staff (teaching)');
    expect(text).toContain('Amy');

    const csv = await call(app, 'exports.chronology', { pupilId: amy.id, format: 'csv', anonymised: true, protect: false, ...sharing });
    const csvText = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(csvText.startsWith('\uFEFFDate,Time,Kind,What,Detail,Recorded by,Significant')).toBe(true);
    for (const name of forbidden) expect(csvText, name).not.toContain(name);
    expect(csv.passphrase).toBeNull();
  });

  it('writes the information-sharing log for every export, naming the recipient and why', async () => {
    const { app, amy } = await exportSchool();
    await call(app, 'exports.chronology', { pupilId: amy.id, format: 'csv', anonymised: true, ...sharing });
    const entry = (await call(app, 'sharing.log', { pupilId: amy.id })).at(-1)!;
    expect(entry).toMatchObject({ shared: true, withWhom: sharing.recipient, consent: 'not_sought', consentReason: sharing.consent.reason });
    expect(entry.what).toContain('Anonymised chronology (CSV, encrypted archive)');
    expect(entry.what).toContain('Why: Strategy discussion about Amy');
  });
});

describe('subject access', () => {
  beforeAll(requireReadBackTools);

  it('produces nothing until every item is marked, and leaves out what is withheld', async () => {
    const { app, amy } = await exportSchool();
    const items = await call(app, 'exports.subjectAccessItems', { pupilId: amy.id });
    expect(items.length).toBeGreaterThan(2);
    const request = { pupilId: amy.id, requester: 'Sarah Hughes (mother)', receivedOn: '2026-11-20' };
    const partial = await import('../../../../../electron/core').then(({ dispatch }) => dispatch(app, 'exports.subjectAccessExport', { ...request, reviews: items.slice(1).map((item) => ({ itemId: item.itemId, decision: 'disclose' as const })) }, personAt(app)));
    expect(partial).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('1 still to review') } });
    const withheld = items.find((item) => item.kind === 'event')!;
    const result = await call(app, 'exports.subjectAccessExport', {
      ...request,
      reviews: items.map((item) => (item === withheld ? { itemId: item.itemId, decision: 'withhold' as const, reason: 'Police information: disclosure likely to prejudice an investigation.' } : { itemId: item.itemId, decision: 'disclose' as const })),
    });
    expect(result).toMatchObject({ withheld: 1, disclosed: items.length - 1 });
    const text = flatten(pdfPages(extractWith7z(Buffer.from(result.dataBase64, 'base64'), result.passphrase!)!.get('subject-access.pdf')!).join(' '));
    expect(text).not.toContain('Police attended a domestic incident');
    expect(text).toContain('bruise on her left forearm');
    expect(text).toContain('Some information has been withheld');
  });
});
