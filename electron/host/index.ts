export { startBrowserHost } from './server';
export type { BrowserHost, BrowserHostOptions } from './server';
