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
const grantedOnlyByDsl: readonly Role[] = ['dsl', 'head'];

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

/** Pushed alerts that a concern arrived go to those who read and act on concerns: the DSLs. */
export const mayReceiveConcernAlerts = (role: Role): boolean => readsChildRecords(role);

/** Who may see everyone's active sessions and end one: those who manage accounts (a DSL or an administrator). */
export const mayManageSessions = (role: Role): boolean => roleMay(role, 'accounts.manage');

/**
 * Who holds a wrap of the data key (decision 0022): every role whose work needs the records open — reading children's
 * records, reports, accounts, the roster, settings, the audit log. A role that may only log concerns holds none: its
 * password is checked by a verifier outside the store, and what it submits is sealed to the hub's intake key.
 */
export const holdsDataKey = (role: Role): boolean =>
  permissions.some((permission) => permission !== 'public' && permission !== 'signedIn' && permission !== 'concerns.log' && roleMay(role, permission));
