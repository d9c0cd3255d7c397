export { AlertBus, REMINDER_INTERVAL_MS, unreadImmediateDanger } from './alertBus';
export type { Alert } from './alertBus';
