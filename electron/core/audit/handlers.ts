import { awaiting } from '../dispatch/handler';
import { readSnapshot } from '../store';
import { chainHead, checkAnchor, integrityCheck, verifyAuditChain } from './auditLog';

export const auditHandlers = {
  // The checks read one snapshot and hold no write lock while they run (seconds on a large store), so the app in
  // another process keeps saving meanwhile; dispatch then writes this call's audit row in a short write transaction.
  'audit.verify': awaiting<'audit.verify'>(async ({ db }, input) =>
    readSnapshot(db, () => ({
      integrity: integrityCheck(db),
      chain: verifyAuditChain(db),
      head: chainHead(db),
      anchor: input.anchor ? checkAnchor(db, input.anchor) : null,
    })),
  ),
};
