export { defaultSettings, readSettings, writeSettings } from './settingsRepository';
