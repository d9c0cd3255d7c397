import { inTransaction } from '../dispatch/handler';
import { requireSettingsVersion, settingsVersion } from '../records/versions';
import { readSettings, writeSettings } from './settingsRepository';

export const settingsHandlers = {
  'settings.get': inTransaction<'settings.get'>(({ db }) => ({ ...readSettings(db), version: settingsVersion(db) })),
  'settings.update': inTransaction<'settings.update'>(({ app, db, session, now }, input) => {
    // Each settings page saves only its own part, but from the whole it read: a save from an older reading is refused.
    const { version, ...changes } = input;
    requireSettingsVersion(db, version);
    const settings = { ...readSettings(db), ...changes };
    writeSettings(db, settings, session.user.id, now.toISOString());
    app.setIdleLockMinutes(settings.idleLockMinutes);
    return { ...settings, version: settingsVersion(db) };
  }),
};
