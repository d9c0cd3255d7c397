export { GENESIS_HASH, appendAudit, integrityCheck, verifyAuditChain } from './auditLog';
export type { AuditEntry, ChainVerification } from './auditLog';
