/**
 * The settings' version as the page last read or saved it. The settings page's forms each save a part of one record,
 * so they share this: a save by one moves it on for the others, and a change by someone else is refused as stale.
 */
export interface SettingsVersion {
  current: number;
}
