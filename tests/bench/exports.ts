// Benchmarks for what leaves the building: the MASH referral pack's PDF for a child with 300 chronology entries and
// 10 body-map marks, and the AES-256 archive that carries it.
import fs from 'node:fs';
import { SafeguardingApp, dispatch } from '../../electron/core';
import { createEncryptedArchive, generatePassphrase } from '../../electron/core/exports/archive';
import { referralPackPdf } from '../../electron/core/exports/referralPdf';
import { DSL, benchDir } from './benchStores';
import { percentile, progress, report, timeEachAsync } from './measure';
import { personAt } from '../fixtures/doors/callers';
import { passSecondFactor } from '../fixtures/doors/authenticator';

async function call<T>(app: SafeguardingApp, name: string, input: unknown): Promise<T> {
  const result = await dispatch(app, name, input, personAt(app, 'bench'));
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

export async function measureExports(): Promise<void> {
  const dataDir = benchDir();
  try {
    progress('exports: a child with 300 chronology entries and 10 body-map marks');
    const app = new SafeguardingApp({ dataDir, clock: () => new Date('2026-11-20T12:00:00Z'), log: { error: (_context, error) => (console.error(error), 'bench') } });
    await app.setup({ school: { name: 'Export School', urn: '100003', localAuthority: 'worcestershire' }, dsl: DSL }, personAt(app, 'bench'));
    // The first DSL enrols an authenticator, as setup asks (decision 0021).
    await passSecondFactor(app, personAt(app, 'bench'));
    const pupil = await call<{ id: string }>(app, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' });
    const bodyMap = Array.from({ length: 10 }, (_, index) => ({ view: index % 2 ? 'back' : 'front', x: 0.1 + index * 0.08, y: 0.2 + (index % 5) * 0.12, size: `${index + 1} cm`, colour: 'purple', shape: 'oval', childExplanation: 'I fell over' }));
    await call(app, 'concerns.submit', { pupils: [{ pupilId: pupil.id, part: 'subject' }], occurredDate: '2026-11-20', occurredTime: '09:00', whatHappened: 'Bruises on both arms and back.', childWords: 'Dad grabbed me.', categories: ['physical-abuse'], bodyMap });
    for (let index = 0; index < 299; index += 1) {
      const day = new Date(Date.UTC(2020, 0, 6) + index * 7 * 86_400_000).toISOString().slice(0, 10);
      await call(app, 'children.addEvent', { pupilId: pupil.id, kind: index % 3 ? 'other' : 'tac_meeting', occurredOn: day, occurredAtTime: '10:00', summary: `Weekly check-in ${index + 1}: attendance, mood and what the child said about home, recorded in full for the chronology.` });
    }
    const { document } = await call<{ document: Parameters<typeof referralPackPdf>[0] }>(app, 'exports.referralPreview', { pupilId: pupil.id });
    let pdf: Buffer = Buffer.alloc(0);
    const pdfTimings = await timeEachAsync(
      10,
      async () => {
        pdf = (await referralPackPdf(document)).bytes;
      },
      1,
    );
    report({ metric: 'export.referral_pdf300.p95_ms', value: percentile(pdfTimings, 0.95) / 1000, unit: 'ms' });
    const json = Buffer.from(JSON.stringify(document));
    const archiveTimings = await timeEachAsync(10, () => createEncryptedArchive([{ name: 'referral-pack.pdf', data: pdf }, { name: 'referral-pack.json', data: json }], generatePassphrase(), new Date()), 1);
    report({ metric: 'export.archive300.p95_ms', value: percentile(archiveTimings, 0.95) / 1000, unit: 'ms' });
    app.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
