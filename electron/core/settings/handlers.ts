import { inTransaction } from '../dispatch/handler';
import { readSettings, writeSettings } from './settingsRepository';

export const settingsHandlers = {
  'settings.get': inTransaction<'settings.get'>(({ db }) => readSettings(db)),
  'settings.update': inTransaction<'settings.update'>(({ app, db, session, now }, input) => {
    const settings = { ...readSettings(db), ...input };
    writeSettings(db, settings, session.user.id, now.toISOString());
    app.setIdleLockMinutes(settings.idleLockMinutes);
    return settings;
  }),
};
