export { startBrowserHost, startHub } from './server';
export type { BrowserHost, BrowserHostOptions, Hub, HubOptions } from './server';
export { HUB_SESSION_COOKIE, LOOPBACK_SESSION_COOKIE, REQUEST_HEADER } from './door';
