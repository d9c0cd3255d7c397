export { dispatch, dispatchWith } from './dispatch';
export type { Dispatch } from './dispatch';
export { handlers } from './handlers';
export { awaiting, inTransaction, publicHandler } from './handler';
export { CommandError } from './commandError';
export type { CommandContext, Door, Handler, HandlerTable } from './handler';
