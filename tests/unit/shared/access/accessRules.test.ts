// The named access rules the pages and the handlers share, each held to what the domain says, written out here
// role by role rather than read from the permission table, so a wrong cell in either place fails a test.
import { describe, expect, it } from 'vitest';
import {
  confirmsRecoveryKey,
  followsSetupProgress,
  isAlertedToNewConcerns,
  isLastActiveRecordReader,
  managesWithoutRecords,
  mayBeAssignedConcerns,
  onlyLogsConcerns,
  readsFiguresNotRecords, receivesOnlyConcernsAboutAdults,
  roles,
  type Role,
} from '../../../../shared/api';

/** Which roles each rule lets through, as the domain describes them (architecture.md's roles). */
const expected: Record<string, { rule: (role: Role) => boolean; roles: readonly Role[] }> = {
  'is alerted to new concerns (the DSLs who must act on them)': { rule: isAlertedToNewConcerns, roles: ['dsl'] },
  'confirms the recovery key (shown once, to the DSL who set the school up)': { rule: confirmsRecoveryKey, roles: ['dsl'] },
  'follows the getting-started list (the DSL’s first hour)': { rule: followsSetupProgress, roles: ['dsl'] },
  'only logs concerns (a member of staff)': { rule: onlyLogsConcerns, roles: ['staff'] },
  'reads the culture figures but no child’s record (the headteacher)': { rule: readsFiguresNotRecords, roles: ['head'] },
  'manages accounts and settings without any child’s record (IT)': { rule: managesWithoutRecords, roles: ['admin'] },
};

describe('the named access rules', () => {
  it.each(Object.entries(expected))('%s', (_name, { rule, roles: allowed }) => {
    expect(roles.filter((role) => rule(role))).toEqual(allowed);
  });

  it('assigns a concern only to an active DSL, never to someone who could not open it', () => {
    const assignable = roles.flatMap((role) => (['active', 'disabled'] as const).filter((status) => mayBeAssignedConcerns({ role, status })).map((status) => `${role} ${status}`));
    expect(assignable).toEqual(['dsl active']);
  });

  it('keeps the last active DSL from being disabled, and nobody else', () => {
    expect(isLastActiveRecordReader({ role: 'dsl', status: 'active' }, 1)).toBe(true);
    expect(isLastActiveRecordReader({ role: 'dsl', status: 'active' }, 2)).toBe(false);
    // A disabled DSL is not the one keeping the records readable; nor is IT, however few DSLs there are.
    expect(isLastActiveRecordReader({ role: 'dsl', status: 'disabled' }, 1)).toBe(false);
    for (const role of ['staff', 'head', 'admin'] as const) expect(isLastActiveRecordReader({ role, status: 'active' }, 0)).toBe(false);
  });

  it('gives every role exactly one home card that says what their role is for', () => {
    // The home page shows one leading card per role; a role matched by two, or by none, would be a page that
    // misleads (IT told they can read records, or a head with nothing to start from).
    const leading = [isAlertedToNewConcerns, onlyLogsConcerns, readsFiguresNotRecords, managesWithoutRecords, receivesOnlyConcernsAboutAdults];
    for (const role of roles) expect(leading.filter((rule) => rule(role))).toHaveLength(1);
  });
});
