export { roles, roleLabels, staffGroups, staffGroupLabels } from './roles';
export type { Role, StaffGroup } from './roles';
export { mayOpenChildFile, permissions, permissionTable, roleMay } from './permissions';
export type { Permission } from './permissions';
export { holdsDataKey, mayAddSiblings, mayGrantRole, mayManageSessions, mayOpenConcern, mayReceiveConcernAlerts, maySeeAddendum, mayVouchForReset, readsChildRecords } from './accessRules';
