import { awaiting, inTransaction, publicHandler } from '../dispatch/handler';

export const sessionHandlers = {
  'app.status': publicHandler<'app.status'>(({ app }) => app.status()),

  'setup.create': publicHandler<'setup.create'>(({ app }, input) => app.setup(input)),

  'setup.confirmRecoveryKey': inTransaction<'setup.confirmRecoveryKey'>(({ db, session, now }) => {
    db.prepare('UPDATE school SET recovery_key_confirmed_at = ?, recovery_key_confirmed_by = ? WHERE id = 1 AND recovery_key_confirmed_at IS NULL').run(now.toISOString(), session.user.id);
    return { done: true };
  }),

  'session.signIn': publicHandler<'session.signIn'>(({ app, door }, input) => app.signIn(input.username, input.password, door)),

  'session.unlock': publicHandler<'session.unlock'>(({ app, door }, input) => app.unlock(input.password, door)),

  'session.lock': publicHandler<'session.lock'>(({ app }) => {
    app.lock();
    return { done: true };
  }),

  'session.signOut': publicHandler<'session.signOut'>(({ app }) => {
    app.signOut();
    return { done: true };
  }),

  'session.touch': inTransaction<'session.touch'>(({ app }) => {
    app.touch();
    return { done: true };
  }),

  'session.changePassword': awaiting<'session.changePassword'>(async ({ app, door }, input) => {
    await app.changePassword(input.currentPassword, input.newPassword, door);
    return { done: true };
  }),
};
