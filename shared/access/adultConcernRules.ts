// Who receives a concern or allegation about an adult (KCSIE Part 4), and who may read it. One answer for dispatch's
// handlers and the pages: a record is open to the one person it is routed to, and never to the adult it is about,
// whatever role either holds. See docs/decisions/0020.
import { roleMay } from './permissions';
import type { Role } from './roles';

export const adultConcernKinds = ['low_level', 'allegation'] as const;
export type AdultConcernKind = (typeof adultConcernKinds)[number];

/**
 * What the person logging believes decides the register: possible harm goes to the case manager as an allegation;
 * anything else is a low-level concern, which its recipient can escalate. Known before the records are open (a
 * concern sealed while they are locked, or on a computer that cannot reach the hub, still says which it is).
 */
export const adultConcernKindOf = (input: { childHarm?: 'yes' | 'no' | 'not_sure' | undefined }): AdultConcernKind => (input.childHarm === 'yes' ? 'allegation' : 'low_level');

/** Who holds each Part 4 role in this school: a setting, named by account, changed only by the rule below. */
export interface AdultRoleHolders {
  /** The headteacher: the case manager for allegations, and the usual recipient of low-level concerns. */
  headteacherUserId: string | null;
  chairOfGovernorsUserId: string | null;
  /** The DSL who receives low-level concerns where the school's policy sends them to the DSL. */
  dslUserId: string | null;
  lowLevelTo: 'headteacher' | 'dsl';
  /** An independent school whose headteacher is also the proprietor: an allegation about them goes to the LADO. */
  headIsProprietor: boolean;
}

export const noRoleHolders: AdultRoleHolders = { headteacherUserId: null, chairOfGovernorsUserId: null, dslUserId: null, lowLevelTo: 'headteacher', headIsProprietor: false };

export type AdultRecipientRole = 'headteacher' | 'dsl' | 'chair_of_governors';

export interface AdultConcernRouting {
  /** The role that receives it. */
  to: AdultRecipientRole;
  /** The account holding that role, or null while nobody (other than the subject) holds it. */
  userId: string | null;
  /** The headteacher-proprietor case: the person logging must tell the LADO themselves, now. */
  ladoDirectly: boolean;
}

/**
 * Where a record goes. Low-level concerns go to the headteacher, or to the DSL where policy says so; allegations to
 * the case manager (the headteacher). Anything about the headteacher goes to the chair of governors; anything about
 * the DSL recipient goes to the headteacher. The subject is never the recipient.
 */
export function routeAdultConcern(record: { kind: AdultConcernKind; subjectUserId: string | null }, holders: AdultRoleHolders): AdultConcernRouting {
  const subject = record.subjectUserId;
  const aboutHead = subject !== null && subject === holders.headteacherUserId;
  const holder = (to: AdultRecipientRole, userId: string | null, ladoDirectly = false): AdultConcernRouting => ({
    to,
    userId: userId !== null && userId !== subject ? userId : null,
    ladoDirectly,
  });
  if (aboutHead) return holder('chair_of_governors', holders.chairOfGovernorsUserId, record.kind === 'allegation' && holders.headIsProprietor);
  if (record.kind === 'low_level' && holders.lowLevelTo === 'dsl' && holders.dslUserId !== null && holders.dslUserId !== subject) return holder('dsl', holders.dslUserId);
  return holder('headteacher', holders.headteacherUserId);
}

export interface AdultConcernAccessFacts {
  kind: AdultConcernKind;
  subjectUserId: string | null;
}

/**
 * Whether `viewer` may read a concern or allegation about an adult in full: only the account it is routed to, only
 * while that account holds a receiving role, and never the adult it is about. Everyone else — the subject above all —
 * is told it does not exist.
 */
export function mayReadAdultConcern(viewer: { id: string; role: Role }, record: AdultConcernAccessFacts, holders: AdultRoleHolders): boolean {
  if (!roleMay(viewer.role, 'adults.receive')) return false;
  if (record.subjectUserId !== null && viewer.id === record.subjectUserId) return false;
  return routeAdultConcern(record, holders).userId === viewer.id;
}

/** The person who logged it sees their own words and whether it has been read; nothing anyone did afterwards. */
export function mayFollowOwnAdultConcern(viewer: { id: string }, authorId: string): boolean {
  return viewer.id === authorId;
}

/**
 * Who may change who holds the Part 4 roles. Until a headteacher is named, any DSL or headteacher sets them up; after
 * that only the named headteacher or the chair of governors, so that neither an administrator nor a DSL can route
 * concerns about themselves to themselves or to someone else. Every change is audited.
 */
export function mayChangeAdultRoleHolders(viewer: { id: string; role: Role }, holders: AdultRoleHolders): boolean {
  if (!roleMay(viewer.role, 'adults.receive')) return false;
  if (holders.headteacherUserId === null) return viewer.role === 'dsl' || viewer.role === 'head';
  return viewer.id === holders.headteacherUserId || viewer.id === holders.chairOfGovernorsUserId;
}

/** The roles an account must hold to be named for each Part 4 role. */
export const adultRoleHolderRoles: Record<'headteacherUserId' | 'chairOfGovernorsUserId' | 'dslUserId', readonly Role[]> = {
  headteacherUserId: ['head', 'dsl'],
  chairOfGovernorsUserId: ['governor'],
  dslUserId: ['dsl'],
};
