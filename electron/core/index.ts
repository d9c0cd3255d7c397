// The application in plain Node: what the Electron main process, the browser host and the CLI build on.
export { SafeguardingApp, fileLog } from './app';
export type { AppOptions, Caller, Log, Session, StartOutcome } from './app';
export { CommandError, awaiting, deliverSealed, deliverVouched, dispatch, dispatchWith, handlers, inTransaction, publicHandler } from './dispatch';
export type { CommandContext, Dispatch, Door, Handler, HandlerTable } from './dispatch';
export { contentSecurityPolicy, defaultDataDir, resolveDataDir } from './doors';
