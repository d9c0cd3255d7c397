import { inTransaction } from '../dispatch/handler';
import { integrityCheck, verifyAuditChain } from './auditLog';

export const auditHandlers = {
  'audit.verify': inTransaction<'audit.verify'>(({ db }) => ({ integrity: integrityCheck(db), chain: verifyAuditChain(db) })),
};
