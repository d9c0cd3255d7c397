import type { Role } from './roles';

/**
 * Every command names one of these. `public` needs no session (setup, sign-in); `signedIn` needs any
 * signed-in account. The rest are granted to roles by the table below — the only place access is decided.
 */
export const permissions = [
  'public',
  'signedIn',
  'concerns.log',
  'children.read',
  'children.write',
  'reports.view',
  'roster.manage',
  'accounts.manage',
  'sessions.manage',
  'settings.manage',
  'audit.verify',
  'adults.log',
  'adults.receive',
  'secondFactor.enrol',
  'unlockAtStart.manage',
] as const;
export type Permission = (typeof permissions)[number];

type GrantedPermission = Exclude<Permission, 'public' | 'signedIn'>;

export const permissionTable: Record<GrantedPermission, readonly Role[]> = {
  // Zero threshold: everyone who works in the school can log a worry, including the head and the office.
  'concerns.log': ['staff', 'dsl', 'head', 'admin'],
  // Child records are for the designated leads only; a head who is also a DSL holds the dsl role.
  'children.read': ['dsl'],
  'children.write': ['dsl'],
  'reports.view': ['head', 'dsl'],
  // Names and dates of birth from the MIS; no safeguarding content.
  'roster.manage': ['admin', 'dsl'],
  'accounts.manage': ['admin', 'dsl'],
  // Seeing who is signed in where, and ending a session (a lost laptop): those who manage accounts.
  'sessions.manage': ['admin', 'dsl'],
  'settings.manage': ['admin', 'dsl'],
  'audit.verify': ['admin', 'dsl'],
  // Concerns about adults (KCSIE Part 4): everyone who works here may raise one, about a colleague or themselves;
  // a governor too, since an allegation about the head may be made to the chair first.
  'adults.log': ['staff', 'dsl', 'head', 'admin', 'governor'],
  // The roles that may be named to receive them. Which records a holder reads is decided per record by the named
  // rules in accessRules (recipient, and never the subject), not by the role alone.
  'adults.receive': ['head', 'dsl', 'governor'],
  // Setting up an authenticator app: only the accounts that sign in with one (decision 0021).
  'secondFactor.enrol': ['dsl', 'head', 'admin', 'governor'],
  // Opening the records at the hub's start without anyone's password (decision 0027) weakens what a copy of the hub's
  // disk is worth to a thief: the people answerable for the records decide it, not IT.
  'unlockAtStart.manage': ['dsl'],
};

/** Whether someone in `role` may open a child's safeguarding file: a link to one is shown only to them. */
export function mayOpenChildFile(role: Role): boolean {
  return roleMay(role, 'children.read');
}

/** Whether a signed-in account with `role` may use a command needing `permission`. */
export function roleMay(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'signedIn') return true;
  return permissionTable[permission].includes(role);
}
