import { inTransaction } from '../dispatch/handler';
import { readSettings, writeSettings } from './settingsRepository';

export const settingsHandlers = {
  'settings.get': inTransaction<'settings.get'>(({ db }) => readSettings(db)),
  'settings.update': inTransaction<'settings.update'>(({ app, db, session, now }, input) => {
    writeSettings(db, input, session.user.id, now.toISOString());
    app.setIdleLockMinutes(input.idleLockMinutes);
    return readSettings(db);
  }),
};
