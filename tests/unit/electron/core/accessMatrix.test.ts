// Who may run what, against a matrix written from the domain (tests/fixtures/access/domainMatrix.ts), NOT read from
// shared/access/permissions.ts: if the table there drifts — an administrator given child records, a head given
// accounts — this independent copy disagrees and a cell fails. Every command is tried by every role through the
// real dispatch on a real encrypted store.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/core';
import { commands, type CommandName } from '../../../../shared/api';
import { domainMatrix as matrix, everyone } from '../../../fixtures/access/domainMatrix';
import { addAccount, call, newApp, setUpSchool, signInFirstTime, keepRecordsOpen } from './testSchool';
import { personAt } from '../../../fixtures/doors/callers';

const commandNames = Object.keys(commands) as CommandName[];
// These end the session they run in, so each role tries them last.
const endsTheSession = new Set<CommandName>(['session.lock', 'session.signOut']);
const inOrder = [...commandNames.filter((name) => !endsTheSession.has(name)), 'session.lock', 'session.signOut'] as CommandName[];

describe('who may run which command (every command × every role)', () => {
  it('lists every command the app declares, so a new one must be placed in the matrix', () => {
    expect(Object.keys(matrix).sort()).toEqual([...commandNames].sort());
  });

  it.each(everyone)('%s: refused exactly the commands the domain keeps from them', async (role) => {
    const app = newApp();
    await setUpSchool(app);
    if (role !== 'dsl') {
      await addAccount(app, `someone.${role}`, role, 'office', 'temporary password 1');
      await call(app, 'session.signOut', {});
      await signInFirstTime(app, `someone.${role}`, 'temporary password 1', `${role} own long password`);
    }
    expect(app.status(personAt(app)).user?.role).toBe(role);
    // The school day: a DSL is signed in at another computer, so the records are open and every door answers for
    // the role itself rather than "locked" (staff hold no key: decision 0022).
    await keepRecordsOpen(app);

    const wrong: string[] = [];
    for (const name of inOrder) {
      // Permission is checked before the input, so an empty input is enough to learn whether the door is shut.
      const result = await dispatch(app, name, {}, personAt(app));
      const refused = !result.ok && result.error.code === 'forbidden';
      const mayRun = matrix[name].includes(role);
      if (refused === mayRun) wrong.push(`${name}: ${mayRun ? 'refused but should be allowed' : `allowed (${result.ok ? 'ok' : result.error.code}) but should be refused`}`);
    }
    expect(wrong).toEqual([]);
  });
});
