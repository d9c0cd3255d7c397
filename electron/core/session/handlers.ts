import { inTransaction, publicHandler, withSession } from '../dispatch/handler';
import { activeSessionHandlers } from './activeSessions';

export const sessionHandlers = {
  'app.status': publicHandler<'app.status'>(({ app, caller }) => app.status(caller)),

  'setup.create': publicHandler<'setup.create'>(({ app, caller }, input) => app.setup(input, caller)),

  'setup.confirmRecoveryKey': inTransaction<'setup.confirmRecoveryKey'>(({ db, session, now }) => {
    db.prepare('UPDATE school SET recovery_key_confirmed_at = ?, recovery_key_confirmed_by = ? WHERE id = 1 AND recovery_key_confirmed_at IS NULL').run(now.toISOString(), session.user.id);
    return { done: true };
  }),

  'session.signIn': publicHandler<'session.signIn'>(({ app, caller }, input) => app.signIn(input.username, input.password, caller)),

  'session.unlock': publicHandler<'session.unlock'>(({ app, caller }, input) => app.unlock(input.password, caller)),

  'session.lock': publicHandler<'session.lock'>(({ app, caller }) => {
    app.lock(caller);
    return { done: true };
  }),

  'session.signOut': publicHandler<'session.signOut'>(({ app, caller }) => {
    app.signOut(caller);
    return { done: true };
  }),

  // These two work for a member of staff while the records are locked (decision 0022).
  'session.touch': withSession<'session.touch'>(({ app, session }) => {
    app.touch(session);
    return { done: true };
  }),

  'session.changePassword': withSession<'session.changePassword'>(async ({ app, session, caller }, input) => {
    await app.changePassword(session, caller, input.currentPassword, input.newPassword);
    return { done: true };
  }),
  ...activeSessionHandlers,
};
