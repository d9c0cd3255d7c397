export { invoke, onSessionInterrupted, prepareTransport } from './client';
