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
  'settings.unlockAtStartState': inTransaction<'settings.unlockAtStartState'>(({ app }) => app.unlockAtStartState()),
  // Lives in the keyring file, not the settings table: the hub must read it before the records are open (decision 0027).
  'settings.unlockAtStart': inTransaction<'settings.unlockAtStart'>((ctx, { on }) => {
    ctx.recordIds.push(on ? 'unlock-at-start:on' : 'unlock-at-start:off');
    if (on) {
      ctx.app.turnOnUnlockAtStart(ctx.session.user.id);
      return { ...ctx.app.unlockAtStartState(), warning: null };
    }
    const warning = ctx.app.turnOffUnlockAtStart();
    return { ...ctx.app.unlockAtStartState(), warning };
  }),
};
