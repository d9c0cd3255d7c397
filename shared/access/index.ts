export { roles, roleLabels, staffGroups, staffGroupLabels } from './roles';
export type { Role, StaffGroup } from './roles';
export { mayOpenChildFile, permissions, permissionTable, roleMay } from './permissions';
export type { Permission } from './permissions';
export {
  confirmsRecoveryKey,
  followsSetupProgress,
  isActiveRecordReader,
  isAlertedToNewConcerns,
  isLastActiveRecordReader,
  managesWithoutRecords,
  mayAddSiblings,
  mayBeAssignedConcerns,
  mayGrantRole,
  mayOpenConcern,
  maySeeAddendum,
  mayVouchForReset,
  onlyLogsConcerns,
  readsChildRecords,
  readsFiguresNotRecords,
} from './accessRules';
