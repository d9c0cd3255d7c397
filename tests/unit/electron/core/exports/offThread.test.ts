// Exports drawn and encrypted on the long-work thread (decision 0026, addendum "exports"), on a real encrypted store
// with children whose files are as big as the export benchmark's (300 chronology entries, 10 body-map marks): a member
// of staff's concern is saved and answered while referral packs are being made; every pack still opens with its own
// passphrase and is logged exactly once; locking while a pack is being made ends it with nothing logged as sent.
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type SafeguardingApp } from '../../../../../electron/core';
import { referralPackDocumentSchema, referralSectionIds } from '../../../../../shared/exports';
import type { Caller } from '../../../../../electron/core';
import { newCaller, personAt } from '../../../../fixtures/doors/callers';
import { pdfPages } from '../pdf/pdfReadBack';
import { DSL_PASSWORD, addAccount, call, newApp, setUpSchool } from '../testSchool';
import { extractWith7z, requireReadBackTools } from './exportSchool';

const NOW = new Date('2026-11-20T12:00:00Z');
const TEACHER_PASSWORD = 'teacher one own password';

interface BigFiles {
  app: SafeguardingApp;
  /** Five children, each with a file of 300 chronology entries. */
  childIds: string[];
  /** A child with an empty file, whom nobody makes a pack about. */
  benId: string;
  /** A member of staff signed in at a computer of their own while the DSL makes packs. */
  teacher: Caller;
}

/**
 * The DSL signed in (the only one who holds the key) and five children's files, each as the bench's. Five children,
 * not five packs of one: a pack logged is a new entry in that child's chronology, so a second pack of the same child
 * made meanwhile is refused as out of date (referralPack.test.ts).
 */
async function bigFiles(): Promise<BigFiles> {
  const app = newApp(undefined, { clock: () => NOW });
  await setUpSchool(app);
  await addAccount(app, 'teacher.one', 'staff');
  const names = [
    ['Amelia', 'Hughes'],
    ['Oliver', 'Nowak'],
    ['Zoë', 'Okafor'],
    ['Łukasz', 'Brennan'],
    ['Aisha', 'Whitfield'],
  ];
  const childIds: string[] = [];
  for (const [legalFirstName, legalLastName] of names) {
    childIds.push((await call(app, 'pupils.create', { legalFirstName: legalFirstName!, legalLastName: legalLastName!, dateOfBirth: '2016-03-04', yearGroup: '5' })).id);
  }
  const benId = (await call(app, 'pupils.create', { legalFirstName: 'Benedict', legalLastName: 'Ashworth-Cole', dateOfBirth: '2016-05-01', yearGroup: '5' })).id;
  const bodyMap = Array.from({ length: 10 }, (_, index) => ({ view: index % 2 ? ('back' as const) : ('front' as const), x: 0.1 + index * 0.08, y: 0.2 + (index % 5) * 0.12, size: `${index + 1} cm`, colour: 'purple', shape: 'oval', childExplanation: 'I fell over' }));
  for (const pupilId of childIds) {
    await call(app, 'concerns.submit', { pupils: [{ pupilId, part: 'subject' }], occurredDate: '2026-11-20', occurredTime: '09:00', whatHappened: 'Bruises on both arms and back.', childWords: 'Dad grabbed me.', categories: ['physical-abuse'], bodyMap });
    for (let index = 0; index < 299; index += 1) {
      const day = new Date(Date.UTC(2020, 0, 6) + index * 7 * 86_400_000).toISOString().slice(0, 10);
      await call(app, 'children.addEvent', { pupilId, kind: index % 3 ? 'other' : 'tac_meeting', occurredOn: day, occurredAtTime: '10:00', summary: `Weekly check-in ${index + 1}: attendance, mood and what the child said about home, recorded in full for the chronology.` });
    }
    // The DSL has read the file (a preview marks it read), as before making a pack.
    await call(app, 'exports.referralPreview', { pupilId });
  }

  const teacher = newCaller('test', '192.0.2.20');
  for (const [name, input] of [
    ['session.signIn', { username: 'teacher.one', password: 'temporary password 1' }],
    ['session.changePassword', { currentPassword: 'temporary password 1', newPassword: TEACHER_PASSWORD }],
  ] as const) {
    const result = await dispatch(app, name, input, teacher);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  }
  return { app, childIds, benId, teacher };
}

const packInput = (pupilId: string) => ({
  pupilId,
  sections: [...referralSectionIds],
  narratives: { whatTheSchoolIsAskingFor: 'A strategy discussion today.', worries: 'Bruising consistent with gripping.' },
  addressedTo: { packId: null, contactName: 'Worcestershire Family Front Door', phone: '01905 822666', email: '' },
  consent: { position: 'not_sought' as const, reason: 'Seeking consent could place Amy at increased risk of harm.' },
});

const makePack = (app: SafeguardingApp, pupilId: string) => dispatch(app, 'exports.referralExport', packInput(pupilId), personAt(app));

interface Pack {
  exportId: string;
  dataBase64: string;
  passphrase: string | null;
  pageCount: number;
}

const logged = (app: SafeguardingApp) => {
  const db = app.store!;
  return {
    exports: db.prepare('SELECT id FROM exports ORDER BY id').pluck().all() as string[],
    sharing: db.prepare('SELECT count(*) FROM information_sharing').pluck().get() as number,
    sentInAudit: db.prepare("SELECT count(*) FROM audit_log WHERE command = 'exports.referralExport' AND outcome = 'ok'").pluck().get() as number,
  };
};

describe('exports on the long-work thread', () => {
  let files: BigFiles;
  beforeAll(async () => {
    requireReadBackTools();
    files = await bigFiles();
    // The thread is started (and, from the sources, its bundle made) by a first export, so what follows is the packs.
    await call(files.app, 'exports.chronology', { pupilId: files.benId, format: 'csv', protect: false, recipient: 'Strategy meeting', purpose: 'Strategy discussion', consent: { position: 'given' } });
  }, 300_000);

  it('answers a member of staff’s concern while referral packs are being made, and each pack opens whole and is logged once', async () => {
    const { app, childIds, benId, teacher } = files;
    const db = app.store!;
    const before = logged(app);
    const concernsBefore = db.prepare('SELECT count(*) FROM concerns').pluck().get() as number;

    // The teacher's save arrives from the network just as five packs are asked for (five packs, so that together
    // they take long enough for a blocked thread to show on any machine): it is taken up as soon as this thread is free.
    const arrivedAt = performance.now();
    const saving = new Promise<{ ok: boolean; answeredAt: number }>((resolve) =>
      setImmediate(() => {
        void dispatch(app, 'concerns.submit', { pupils: [{ pupilId: benId, part: 'subject' }], occurredDate: '2026-11-20', occurredTime: '11:45', whatHappened: 'Ben said he had not eaten since lunch yesterday.', categories: ['neglect'] }, teacher).then((result) =>
          resolve({ ok: result.ok, answeredAt: performance.now() }),
        );
      }),
    );
    const readyAt: number[] = [];
    const making = childIds.map((pupilId) =>
      makePack(app, pupilId).then((result) => {
        readyAt.push(performance.now());
        return result;
      }),
    );
    const saved = await saving;
    const packs = await Promise.all(making);

    expect(saved.ok).toBe(true);
    expect(db.prepare('SELECT count(*) FROM concerns').pluck().get()).toBe(concernsBefore + 1);
    // Answered, committed, before the first pack was ready…
    expect(saved.answeredAt).toBeLessThan(Math.min(...readyAt));
    // …having waited less than one pack takes to make, one with another: only for the five packs' gathering. (Drawn on
    // this thread, the packs' PDFs were drawn as they were asked for, and the save waited for all five: the first
    // check alone would not show it, as the save still overtakes their encrypting.)
    const perPack = (Math.max(...readyAt) - arrivedAt) / childIds.length;
    expect(saved.answeredAt - arrivedAt).toBeLessThan(perPack);

    const made = packs.map((result) => {
      if (!result.ok) throw new Error(result.error.message);
      return result.value as Pack;
    });
    expect(new Set(made.map((pack) => pack.passphrase)).size).toBe(5);
    for (const pack of made) {
      const archive = Buffer.from(pack.dataBase64, 'base64');
      const files = extractWith7z(archive, pack.passphrase!);
      expect(files && [...files.keys()].sort()).toEqual(['referral-pack.json', 'referral-pack.pdf']);
      const document = referralPackDocumentSchema.parse(JSON.parse(files!.get('referral-pack.json')!.toString('utf8')));
      expect(document.exportId).toBe(pack.exportId);
      expect(document.chronology).toHaveLength(300);
      const pages = pdfPages(files!.get('referral-pack.pdf')!);
      expect(pages).toHaveLength(pack.pageCount);
      expect(pages.join(' ')).toContain('Weekly check-in 299:');
    }
    // Another pack's passphrase does not open it.
    expect(extractWith7z(Buffer.from(made[0]!.dataBase64, 'base64'), made[1]!.passphrase!)).toBeNull();

    const after = logged(app);
    // Each pack logged exactly once, in the export log, the sharing log and the audit.
    expect(after.exports).toEqual([...before.exports, ...made.map((pack) => pack.exportId)].sort());
    expect(after.sharing).toBe(before.sharing + 5);
    expect(after.sentInAudit).toBe(before.sentInAudit + 5);
  }, 300_000);

  it('ends a pack being made when the records lock, and logs nothing as sent', async () => {
    const { app, childIds, teacher } = files;
    // A member of staff at work keeps the records open (decision 0016): the teacher has gone home.
    expect((await dispatch(app, 'session.signOut', {}, teacher)).ok).toBe(true);
    const before = logged(app);
    const pool = app.longWork!;
    expect(pool.threadCount).toBe(1);

    const making = makePack(app, childIds[0]!);
    expect((await dispatch(app, 'session.lock', {}, personAt(app))).ok).toBe(true);
    expect(await making).toMatchObject({ ok: false, error: { code: 'locked', message: 'The records were locked before this was ready. Sign in and ask for it again.' } });
    expect(app.longWork).toBeNull();
    await pool.allEnded();
    expect(pool.threadCount).toBe(0);

    expect((await dispatch(app, 'session.unlock', { password: DSL_PASSWORD }, personAt(app))).ok).toBe(true);
    expect(logged(app)).toEqual(before);
    // And the next pack is made as ever, on a new thread.
    expect((await makePack(app, childIds[0]!)).ok).toBe(true);
    expect(logged(app).exports).toHaveLength(before.exports.length + 1);
  }, 300_000);
});
