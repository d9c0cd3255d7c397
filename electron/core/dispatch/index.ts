export { admit, dispatch, dispatchWith } from './dispatch';
export { DELIVER_SEALED, deliverSealed, deliverVouched } from './sealedDelivery';
export type { Admission, Dispatch } from './dispatch';
export { handlers } from './handlers';
export { awaiting, inTransaction, publicHandler } from './handler';
export { CommandError } from './commandError';
export type { CommandContext, Door, Handler, HandlerTable } from './handler';
