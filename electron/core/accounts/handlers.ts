import { v7 as uuidv7 } from 'uuid';
import { isActiveRecordReader, isLastActiveRecordReader, mayGrantRole, type Role } from '../../../shared/api';
import { CommandError } from '../dispatch/commandError';
import { awaiting, inTransaction } from '../dispatch/handler';
import { requireVersion } from '../records/versions';
import {
  disableAccount,
  findAccount,
  findAccountByUsername,
  insertAccount,
  listAccounts,
  reactivateAccount,
  setMustChangePassword,
} from './accountsRepository';

const roleArticle: Record<Role, string> = { staff: 'a staff', dsl: 'a DSL', head: 'a headteacher', admin: 'an administrator', governor: 'a governor' };

export const accountsHandlers = {
  'accounts.list': inTransaction<'accounts.list'>(({ db }) => listAccounts(db)),

  'accounts.create': awaiting<'accounts.create'>(async (ctx, input) => {
    if (!mayGrantRole(ctx.session.user.role, input.role)) {
      ctx.recordIds.push(`role:${input.role}`);
      throw new CommandError('forbidden', `Only a DSL can create ${roleArticle[input.role]} account.`, { role: [`Only a DSL can create ${roleArticle[input.role]} account`] });
    }
    if (findAccountByUsername(ctx.db, input.username)) {
      throw new CommandError('conflict', 'That username is already taken.', { username: ['That username is already taken: choose another'] });
    }
    const id = uuidv7();
    ctx.recordIds.push(id);
    // A role that reads records gets a wrap of the data key; staff get a verifier and never hold it (decision 0022).
    await ctx.app.setAccountPassword({ id, username: input.username, role: input.role }, input.temporaryPassword, { mustChangePassword: true });
    return ctx.transact(() =>
      insertAccount(ctx.db, {
        id,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        staffGroup: input.staffGroup,
        mustChangePassword: true,
        createdAt: ctx.now.toISOString(),
        createdBy: ctx.session.user.id,
      }),
    );
  }),

  'accounts.disable': inTransaction<'accounts.disable'>((ctx, input) => {
    const account = findAccount(ctx.db, input.userId);
    if (!account) throw new CommandError('not_found', 'That account does not exist.');
    ctx.recordIds.push(account.id);
    if (account.id === ctx.session.user.id) throw new CommandError('conflict', 'You cannot disable your own account.');
    requireVersion(ctx.db, 'account', account.id, input.version);
    if (isLastActiveRecordReader(account, listAccounts(ctx.db).filter(isActiveRecordReader).length)) {
      throw new CommandError('conflict', 'This is the only active DSL account. Create another DSL first, so someone can still read children’s records.');
    }
    if (!mayGrantRole(ctx.session.user.role, account.role)) throw new CommandError('forbidden', `Only a DSL can disable ${roleArticle[account.role]} account.`);
    disableAccount(ctx.db, account.id, ctx.session.user.id, input.reason, ctx.now.toISOString());
    // Removing the wrap (or verifier) means the old password can no longer open anything; every session the person
    // holds, on any computer, ends with it.
    ctx.app.removeAccountKeys(account.id);
    ctx.app.endSessionsWhere((session) => session.user.id === account.id);
    return findAccount(ctx.db, account.id)!;
  }),

  'accounts.resetPassword': awaiting<'accounts.resetPassword'>(async (ctx, input) => {
    const account = findAccount(ctx.db, input.userId);
    if (!account) throw new CommandError('not_found', 'That account does not exist.');
    ctx.recordIds.push(account.id);
    const vouchedBy = await ctx.app.checkResetAuthority(ctx.session, ctx.caller, input.authority, account.id);
    ctx.recordIds.push(`authority:${vouchedBy}`);
    await ctx.app.setAccountPassword(account, input.temporaryPassword, { mustChangePassword: true });
    // Whoever held the old password may be signed in somewhere: a reset ends those sessions.
    ctx.app.endSessionsWhere((session) => session.user.id === account.id);
    return ctx.transact(() => {
      reactivateAccount(ctx.db, account.id);
      setMustChangePassword(ctx.db, account.id, true);
      return findAccount(ctx.db, account.id)!;
    });
  }),
};
