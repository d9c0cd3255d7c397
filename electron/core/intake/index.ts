// Sealed intake (docs/decisions/0018-sealed-intake-envelopes.md): concerns sealed to the hub's intake key, queued
// durably beside the store, ingested once the store is open; the client's outbox; the hub's receipts; staff
// password verifiers for accounts that hold no key.
export { ENVELOPE_VERSION, EnvelopeError, intakeKeyId, openEnvelope, readEnvelopeHeader, sealEnvelope } from './envelope';
export type { EnvelopeFailure, EnvelopeHeader, OpenedEnvelope, SealRequest } from './envelope';
export { INTAKE_QUEUE_FILE, INTAKE_SET_ASIDE_FILE, FramedLog, intakeQueue } from './intakeQueue';
export type { Frame, SetAsideRecord } from './intakeQueue';
export { INTAKE_DOOR, ingestEnvelope, ingestQueue, isAboutAdult, storeChildConcern, type ArrivedThrough } from './ingest';
export type { AboutAdultBody, IngestOutcome, IngestSummary, StoredFromIntake } from './ingest';
export { INTAKE_PUBLIC_KEY_FILE, ensureIntakeKey, intakePrivateKeys, readIntakePublicKey } from './intakeKeys';
export { RECEIPT_KEY_FILE, generateReceiptKeyPair, intakeReceiptSchema, loadOrCreateReceiptKey, signReceipt, verifyReceipt } from './receipt';
export type { IntakeReceipt, ReceiptKeyPair } from './receipt';
export { OUTBOX_FILE, Outbox, deliverWaiting } from './outbox';
export { VOUCHER_CLOCK_ALLOWANCE_MS, VoucherError, checkVouchedEnvelope, intakeVoucherSchema, issueVoucher, signEnvelope, voucherIsGenuine, vouchedDeliverySchema } from './voucher';
export type { IntakeVoucher, VouchedDelivery } from './voucher';
export type { WaitingEnvelope } from './outbox';
export {
  STAFF_VERIFIER_FILE,
  StaffVerifierError,
  readStaffVerifiers,
  removeStaffVerifier,
  setStaffMustChangePassword,
  setStaffPassword,
  verifierFromOldWrap,
  verifyStaffPassword,
} from './staffVerifier';
