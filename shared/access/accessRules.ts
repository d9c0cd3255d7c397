// Access rules that depend on more than "may this role run this command": whose record it is, which role is being
// granted, which fields of a record a role receives. Named here so dispatch, the handlers and the pages ask the same
// question the same way; the permission table says which commands a role may run at all.
import { permissions, roleMay } from './permissions';
import type { Role } from './roles';

/** Those who read children's records: they see every concern whole, and opening a new one marks it read. */
export const readsChildRecords = (role: Role): boolean => roleMay(role, 'children.read');

/** A concern is open to its author and to those who read children's records; to anyone else it does not exist. */
export function mayOpenConcern(viewer: { id: string; role: Role }, authorId: string): boolean {
  return readsChildRecords(viewer.role) || viewer.id === authorId;
}

/**
 * Whether an addendum is shown to this viewer. The author of a concern sees what they themselves added, never what
 * a DSL wrote on it afterwards (that is the DSL's thinking about the child, e.g. "father known to police").
 */
export function maySeeAddendum(viewer: { id: string; role: Role }, addendumAuthorId: string): boolean {
  return readsChildRecords(viewer.role) || viewer.id === addendumAuthorId;
}

/**
 * Roles that open children's records or the school's culture figures are granted only by a DSL: an administrator
 * who could create a DSL or a headteacher account could give themselves what their own role withholds.
 */
// A governor account may be named chair of governors, who receives allegations about the headteacher.
const grantedOnlyByDsl: readonly Role[] = ['dsl', 'head', 'governor'];

/** Whether an account with role `granter` may create (or disable) an account with role `role`. */
export function mayGrantRole(granter: Role, role: Role): boolean {
  if (!roleMay(granter, 'accounts.manage')) return false;
  return !grantedOnlyByDsl.includes(role) || granter === 'dsl';
}

/** Whose password can vouch for someone else's password reset: another DSL, never an administrator. */
export const mayVouchForReset = (role: Role): boolean => role === 'dsl';

/**
 * Adding a child's brothers and sisters to a concern reveals who shares a household, so it is for DSLs; everyone
 * else finds a child by name, year and class only.
 */
export const mayAddSiblings = (role: Role): boolean => readsChildRecords(role);

/** An account that can open children's records today: one who reads them and is not disabled. */
export function isActiveRecordReader(account: { role: Role; status: 'active' | 'disabled' }): boolean {
  return readsChildRecords(account.role) && account.status === 'active';
}

/**
 * Who a concern may be assigned to: an active account that can open it. Assigning it to anyone else would leave
 * it with a person who can never read it (the queue's list of names and the handler ask this same question).
 */
export const mayBeAssignedConcerns = isActiveRecordReader;

/**
 * Whether disabling this account would leave the school with nobody who can read its children's records — the
 * last active DSL. `activeReaders` counts accounts for which isActiveRecordReader holds.
 */
export function isLastActiveRecordReader(account: { role: Role; status: 'active' | 'disabled' }, activeReaders: number): boolean {
  return isActiveRecordReader(account) && activeReaders <= 1;
}

/** Whose header and home carry the new-concern alerts and the review queue: those who must act on a new concern. */
export const isAlertedToNewConcerns = (role: Role): boolean => readsChildRecords(role);

/**
 * Who must confirm the recovery key is kept safe before using the records. It is shown once, to the DSL who set the
 * school up; an administrator never saw it and could not confirm it, so they are not stopped by it.
 */
export const confirmsRecoveryKey = (role: Role): boolean => readsChildRecords(role);

/** Who is shown the getting-started list on their home: those who may change the settings it points to. */
export const followsSetupProgress = (role: Role): boolean => readsChildRecords(role) && roleMay(role, 'settings.manage');

/**
 * Whose only work here is to log concerns (a teacher, a midday supervisor): their home leads with the concern form.
 * Read from the table, so a role given anything more (the reports, the roster) gets that role's home instead.
 */
export const onlyLogsConcerns = (role: Role): boolean => permissions.every((permission) => logsOnly.has(permission) || !roleMay(role, permission));

/** Who sees the culture figures without children's records (the headteacher): the report is written to them as "you". */
export const readsFiguresNotRecords = (role: Role): boolean => roleMay(role, 'reports.view') && !readsChildRecords(role);

/** Who runs the school's accounts and settings without children's records (IT): their home says so plainly. */
export const managesWithoutRecords = (role: Role): boolean => roleMay(role, 'accounts.manage') && !readsChildRecords(role);

/** Pushed alerts that a concern arrived go to those who read and act on concerns: the DSLs. */
export const mayReceiveConcernAlerts = (role: Role): boolean => isAlertedToNewConcerns(role);

/** Who may see everyone's active sessions and end one: those who manage accounts (a DSL or an administrator). */
export const mayManageSessions = (role: Role): boolean => roleMay(role, 'sessions.manage');

/**
 * Who holds a wrap of the data key (decision 0022): every role whose work needs the records open — reading children's
 * records, reports, accounts, the roster, settings, the audit log. A role that may only log concerns holds none: its
 * password is checked by a verifier outside the store, and what it submits is sealed to the hub's intake key.
 */
export const holdsDataKey = (role: Role): boolean => permissions.some((permission) => !logsOnly.has(permission) && roleMay(role, permission));

/**
 * Who may turn unlock at start on or off, and who is told when a start could not use it (decision 0027): the DSLs,
 * who answer for the records. Dispatch adds that their second factor is given, as for any command.
 */
export const mayChangeUnlockAtStart = (role: Role): boolean => roleMay(role, 'unlockAtStart.manage');

/** Permissions that only put something in (a concern about a child or an adult): they never need the records open. */
const logsOnly = new Set<string>(['public', 'signedIn', 'concerns.log', 'adults.log']);

/**
 * Whose work here is the register of concerns about adults and nothing of children's records or the school's
 * figures (the chair of governors, decision 0020): their home leads with that register.
 */
export const receivesOnlyConcernsAboutAdults = (role: Role): boolean =>
  roleMay(role, 'adults.receive') && !readsChildRecords(role) && !roleMay(role, 'reports.view') && !roleMay(role, 'accounts.manage');
