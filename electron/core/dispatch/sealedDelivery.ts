// The second way a concern reaches the hub: an envelope a connect-mode computer sealed while the hub was out of
// reach, delivered once it answers (docs/decisions/0024-connect-mode-outbox.md). It is not a command the page can
// send: its body is the envelope's bytes. It follows `concerns.submit`'s rules through the same admission as
// dispatch, with one difference — a session whose screen has locked may still deliver what its owner sealed — and
// checks that the envelope names the account delivering it.
import { fail, ok, roleMay, type Result, type Role } from '../../../shared/api';
import { ForeignEnvelopeError, type SealedDelivery } from '../app/intakeDesk';
import type { SafeguardingApp } from '../app/safeguardingApp';
import type { Caller } from '../app/sessionRegistry';
import { appendAudit } from '../audit';
import { EnvelopeError, VoucherError, checkVouchedEnvelope, type VouchedDelivery } from '../intake';
import { writeTransaction } from '../store';
import { admit } from './dispatch';

/** The audit log's name for a delivery; a refused one is recorded under it. */
export const DELIVER_SEALED = 'intake.deliver';

/** A delivery's audit row, in its author's name: written to the store while it is open, held for its next opening while it is locked. */
function auditDelivery(app: SafeguardingApp, caller: Caller, delivery: { at: Date; userId: string; role: Role; outcome: 'ok' | 'forbidden'; recordIds: string[] }): void {
  const entry = { ...delivery, at: delivery.at.toISOString(), door: caller.door, client: caller.address ?? null, command: DELIVER_SEALED };
  const db = app.store;
  if (db) writeTransaction(db, () => appendAudit(db, entry));
  else app.auditWhileLocked(entry);
}

/** Takes one delivered envelope for the caller's session; never throws. A refusal of a signed-in person is audited. */
export function deliverSealed(app: SafeguardingApp, caller: Caller, bytes: Buffer): Result<SealedDelivery> {
  const now = app.clock();
  try {
    // Delivering is not activity at the screen: it does not postpone the idle lock, and a locked session may do it.
    const admitted = admit(app, 'concerns.submit', caller, now, { auditAs: DELIVER_SEALED, whileLocked: true });
    if (!admitted.ok) return fail(admitted.error);
    const { session } = admitted;
    try {
      return ok(app.intake.receiveSealed(session.user, bytes, now));
    } catch (error) {
      if (error instanceof EnvelopeError) {
        return fail({ code: 'invalid_input', message: `This is not a concern the hub can take (${error.reason}): ${error.message}` });
      }
      if (error instanceof ForeignEnvelopeError) {
        // Someone holding the hub's public key can seal in any name; the door is where that is stopped, and noted.
        auditDelivery(app, caller, { at: now, userId: session.user.id, role: session.user.role, outcome: 'forbidden', recordIds: [error.header.id] });
        app.log.error('intake delivery refused', new Error(`Session of ${session.user.id} delivered envelope ${error.header.id}, sealed by ${error.header.accountId}.`));
        return fail({ code: 'forbidden', message: error.message });
      }
      throw error;
    }
  } catch (error) {
    const reference = app.log.error('intake delivery', error);
    return fail({ code: 'internal', message: `The hub could not take this concern. Quote reference ${reference} to your IT lead.`, reference });
  } finally {
    app.afterCommand();
  }
}

/**
 * Takes one envelope delivered with no session, under the voucher its computer was given while its author was signed
 * in (decision 0024, addendum) — how an outbox empties after the hub restarted. The voucher must be this hub's, the
 * envelope signed with the voucher's key, in the voucher's account and recorded within its time, and the role it names
 * must log concerns. An account disabled since is still heard: what it sealed was written while it could sign in, and
 * a concern about a child is not thrown away for a leaver's sake. Every outcome is audited in the author's name, held
 * for the next opening while the records are locked. Never throws.
 */
export function deliverVouched(app: SafeguardingApp, caller: Caller, bytes: Buffer, vouched: VouchedDelivery): Result<SealedDelivery> {
  const now = app.clock();
  const { voucher } = vouched;
  const audit = (outcome: 'ok' | 'forbidden', recordIds: string[]) => auditDelivery(app, caller, { at: now, userId: voucher.accountId, role: voucher.role, outcome, recordIds });
  try {
    const header = checkVouchedEnvelope(vouched, bytes, app.intake.hubKeys().receiptPublicKey);
    if (!roleMay(voucher.role, 'concerns.log')) throw new VoucherError('The role this voucher names may not log concerns.');
    const delivered = app.intake.receiveSealed({ id: header.accountId }, bytes, now);
    audit('ok', [header.id]);
    return ok(delivered);
  } catch (error) {
    if (error instanceof EnvelopeError) {
      return fail({ code: 'invalid_input', message: `This is not a concern the hub can take (${error.reason}): ${error.message}` });
    }
    if (error instanceof VoucherError) {
      // Someone sending envelopes in another's name, or a voucher from elsewhere: refused, noted, and logged.
      audit('forbidden', []);
      app.log.error('vouched intake delivery refused', new Error(`${error.message} (account ${voucher.accountId}, from ${caller.address ?? 'this computer'})`));
      return fail({ code: 'forbidden', message: error.message });
    }
    const reference = app.log.error('vouched intake delivery', error);
    return fail({ code: 'internal', message: `The hub could not take this concern. Quote reference ${reference} to your IT lead.`, reference });
  } finally {
    app.afterCommand();
  }
}
