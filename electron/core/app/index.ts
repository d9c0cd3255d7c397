export { SafeguardingApp } from './safeguardingApp';
export type { AppOptions, StartOutcome } from './safeguardingApp';
export { DEFAULT_SESSION_LIFETIME_HOURS, SessionRegistry } from './sessionRegistry';
export type { Caller, Session, SessionEnd } from './sessionRegistry';
export { fileLog } from './log';
export type { Log } from './log';
export { KeyringHolder, RECOVERY_KEY_SUBJECT } from './keyringHolder';
