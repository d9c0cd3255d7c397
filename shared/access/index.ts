export { roles, roleLabels, staffGroups, staffGroupLabels } from './roles';
export type { Role, StaffGroup } from './roles';
export { mayOpenChildFile, permissions, permissionTable, roleMay } from './permissions';
export type { Permission } from './permissions';
export {
  confirmsRecoveryKey,
  followsSetupProgress,
  holdsDataKey,
  isActiveRecordReader,
  isAlertedToNewConcerns,
  isLastActiveRecordReader,
  managesWithoutRecords,
  mayAddSiblings,
  mayBeAssignedConcerns,
  mayChangeUnlockAtStart,
  mayGrantRole,
  mayManageSessions,
  mayOpenConcern,
  mayReceiveConcernAlerts,
  maySeeAddendum,
  mayVouchForReset,
  onlyLogsConcerns,
  readsChildRecords,
  readsFiguresNotRecords,
  receivesOnlyConcernsAboutAdults,
} from './accessRules';
export {
  adultConcernKindOf,
  adultConcernKinds,
  adultRoleHolderRoles,
  mayChangeAdultRoleHolders,
  mayFollowOwnAdultConcern,
  mayReadAdultConcern,
  noRoleHolders,
  routeAdultConcern,
} from './adultConcernRules';
export type { AdultConcernAccessFacts, AdultConcernKind, AdultConcernRouting, AdultRecipientRole, AdultRoleHolders } from './adultConcernRules';
export { commandsBeforeSecondFactor, mayResetSecondFactor, needsSecondFactor } from './secondFactor';
export type { SecondFactorStep } from './secondFactor';
