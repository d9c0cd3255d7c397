// Who may run what, written out here from the domain (shared/design/domain.md and architecture.md), NOT read from
// shared/access/permissions.ts: if the table there drifts — an administrator given child records, a head given
// accounts — this independent copy disagrees and a cell fails. Every command is tried by every role through the
// real dispatch on a real encrypted store.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/core';
import { commands, type CommandName, type Role } from '../../../../shared/api';
import { addAccount, call, newApp, setUpSchool, signInFirstTime } from './testSchool';

const everyone: readonly Role[] = ['staff', 'dsl', 'head', 'admin'];
// Zero threshold: anyone who works in the school logs a worry and follows their own concerns, the head and the office too.
const anyoneWhoWorksHere: readonly Role[] = everyone;
// The designated leads keep every child's file; nobody else sees or changes one (a head who is also a DSL holds the dsl role).
const designatedLeads: readonly Role[] = ['dsl'];
// The head sees the school's safeguarding culture in numbers; the DSL sees it too.
const cultureReports: readonly Role[] = ['head', 'dsl'];
// Accounts, the roster and settings are the administrator's; the DSL also holds them, because setup makes the DSL the
// first (often only) account, and a school without IT staff must still be able to add people and pupils.
const schoolAdministration: readonly Role[] = ['admin', 'dsl'];

const matrix: Record<CommandName, readonly Role[]> = {
  // Before and around signing in: no session needed.
  'app.status': everyone,
  'setup.create': everyone,
  'session.signIn': everyone,
  'session.unlock': everyone,
  'session.lock': everyone,
  'session.signOut': everyone,
  // Any signed-in account looks after its own session and reads what every page needs.
  'session.touch': everyone,
  'session.changePassword': everyone,
  'settings.get': everyone,
  'system.noop': everyone,
  'packs.list': everyone,
  'packs.get': everyone,
  // Who to call is on the concern form for everyone: a child in danger cannot wait for the DSL.
  'packs.whoToCallNow': everyone,

  // Logging a concern and following one's own.
  'concerns.formContext': anyoneWhoWorksHere,
  'concerns.submit': anyoneWhoWorksHere,
  'concerns.mine': anyoneWhoWorksHere,
  'concerns.get': anyoneWhoWorksHere,
  'concerns.attachment': anyoneWhoWorksHere,
  'concerns.addAddendum': anyoneWhoWorksHere,
  'drafts.save': anyoneWhoWorksHere,
  'drafts.mine': anyoneWhoWorksHere,
  'drafts.discard': anyoneWhoWorksHere,
  // Finding the pupil (and their brothers and sisters) to log about: names from the roster, no safeguarding content.
  'pupils.search': anyoneWhoWorksHere,
  'pupils.siblings': anyoneWhoWorksHere,

  // The DSL's queue, casework and each child's file.
  'concerns.alerts': designatedLeads,
  'concerns.listNew': designatedLeads,
  'queue.counts': designatedLeads,
  'queue.concerns': designatedLeads,
  'queue.referrals': designatedLeads,
  'queue.actions': designatedLeads,
  'queue.reviews': designatedLeads,
  'concerns.assign': designatedLeads,
  'concerns.open': designatedLeads,
  'concerns.close': designatedLeads,
  'concerns.link': designatedLeads,
  'concerns.refinePart': designatedLeads,
  'decisions.record': designatedLeads,
  'sharing.record': designatedLeads,
  'sharing.log': designatedLeads,
  'referrals.create': designatedLeads,
  'referrals.acknowledge': designatedLeads,
  'referrals.recordOutcome': designatedLeads,
  'referrals.chase': designatedLeads,
  'referrals.escalate': designatedLeads,
  'escalations.step': designatedLeads,
  'escalations.resolve': designatedLeads,
  'actions.create': designatedLeads,
  'actions.complete': designatedLeads,
  'reviews.create': designatedLeads,
  'reviews.record': designatedLeads,
  'children.file': designatedLeads,
  'children.chronology': designatedLeads,
  'children.addFlag': designatedLeads,
  'children.endFlag': designatedLeads,
  'children.addEvent': designatedLeads,
  'children.recordAssessment': designatedLeads,
  // Suggesting a level reads a child's indicators: casework.
  'packs.suggest': designatedLeads,
  // Every export carries child records out of the building.
  'exports.referralPreview': designatedLeads,
  'exports.referralExport': designatedLeads,
  'exports.chronology': designatedLeads,
  'exports.subjectAccessItems': designatedLeads,
  'exports.subjectAccessExport': designatedLeads,
  'transfers.preview': designatedLeads,
  'transfers.export': designatedLeads,
  'transfers.markPassphraseSent': designatedLeads,
  'transfers.acknowledge': designatedLeads,
  'transfers.register': designatedLeads,
  'transfers.import': designatedLeads,
  'transfers.recordPaperFile': designatedLeads,
  'transfers.received': designatedLeads,
  'transfers.receivedPdf': designatedLeads,

  // Culture in numbers.
  'reports.dashboard': cultureReports,
  'reports.exportCsv': cultureReports,
  'reports.exportGovernorsPdf': cultureReports,

  // Accounts, the roster, settings and the records check.
  'setup.confirmRecoveryKey': schoolAdministration,
  'accounts.list': schoolAdministration,
  'accounts.create': schoolAdministration,
  'accounts.disable': schoolAdministration,
  'accounts.resetPassword': schoolAdministration,
  'pupils.get': schoolAdministration,
  'pupils.create': schoolAdministration,
  'pupils.update': schoolAdministration,
  'roster.preview': schoolAdministration,
  'roster.import': schoolAdministration,
  'settings.update': schoolAdministration,
  // The category list and the local authority's pack are configuration, not anyone's record.
  'concerns.categories': schoolAdministration,
  'concerns.updateCategories': schoolAdministration,
  'packs.choose': schoolAdministration,
  'packs.import': schoolAdministration,
  'packs.updateContact': schoolAdministration,
  // Checking the audit chain says whether the log is whole, not what is in it.
  'audit.verify': schoolAdministration,
};

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
    expect(app.status().user?.role).toBe(role);

    const wrong: string[] = [];
    for (const name of inOrder) {
      // Permission is checked before the input, so an empty input is enough to learn whether the door is shut.
      const result = await dispatch(app, name, {}, 'test');
      const refused = !result.ok && result.error.code === 'forbidden';
      const mayRun = matrix[name].includes(role);
      if (refused === mayRun) wrong.push(`${name}: ${mayRun ? 'refused but should be allowed' : `allowed (${result.ok ? 'ok' : result.error.code}) but should be refused`}`);
    }
    expect(wrong).toEqual([]);
  });
});
