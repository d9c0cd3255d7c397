import { inTransaction } from '../dispatch/handler';
import { chainHead, checkAnchor, integrityCheck, verifyAuditChain } from './auditLog';

export const auditHandlers = {
  'audit.verify': inTransaction<'audit.verify'>(({ db }, input) => ({
    integrity: integrityCheck(db),
    chain: verifyAuditChain(db),
    head: chainHead(db),
    anchor: input.anchor ? checkAnchor(db, input.anchor) : null,
  })),
};
