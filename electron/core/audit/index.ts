export { GENESIS_HASH, appendAudit, chainHead, checkAnchor, fingerprintOf, integrityCheck, verifyAuditChain } from './auditLog';
export type { AuditEntry, ChainVerification } from './auditLog';
