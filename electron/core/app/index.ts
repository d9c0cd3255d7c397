export { SafeguardingApp } from './safeguardingApp';
export type { AppOptions, Session } from './safeguardingApp';
export { fileLog } from './log';
export type { Log } from './log';
