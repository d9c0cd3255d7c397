// The second factor's commands (docs/decisions/0021-second-factor.md). The rules — who needs one, who may reset
// whose — are in shared/access; what a waiting session may run is enforced in dispatch.
import { mayResetSecondFactor, needsSecondFactor } from '../../../shared/api';
import { findAccount } from '../accounts';
import { CommandError } from '../dispatch/commandError';
import { awaiting, inTransaction, type CommandContext } from '../dispatch/handler';
import { hashedRecoveryCode, newRecoveryCodes } from './recoveryCodes';
import { checkCode } from './secondFactorChecks';
import {
  clearSecondFactor,
  confirmAuthenticator,
  countUnusedRecoveryCodes,
  findAuthenticator,
  putUnconfirmedAuthenticator,
  replaceRecoveryCodes,
} from './secondFactorRepository';
import { groupedSecret, newTotpSecret, otpauthUri } from './totp';

const roleArticle = { staff: 'a member of staff’s', dsl: 'a DSL’s', head: 'the headteacher’s', admin: 'an administrator’s', governor: 'the chair of governors’' } as const;

function requireSecondFactorRole(ctx: CommandContext): void {
  if (!needsSecondFactor(ctx.session.user.role)) throw new CommandError('forbidden', 'Your account signs in with a password alone; it has no authenticator app to set up.');
}

/** Ten new codes, stored as hashes only: the plain codes leave here once, in the reply. */
function issueRecoveryCodes(ctx: CommandContext): string[] {
  const codes = newRecoveryCodes();
  replaceRecoveryCodes(ctx.db, ctx.session.user.id, codes.map(hashedRecoveryCode), ctx.now.toISOString());
  return codes;
}

function schoolName(ctx: CommandContext): string {
  return (ctx.db.prepare('SELECT name FROM school WHERE id = 1').pluck().get() as string | undefined) ?? 'School';
}

export const secondFactorHandlers = {
  'session.verifyCode': awaiting<'session.verifyCode'>(async (ctx, input) => {
    const { session } = ctx;
    ctx.recordIds.push(session.user.id);
    if (session.pendingSecondFactor !== 'code') throw new CommandError('conflict', 'No code is needed: you are signed in already.');
    const { usedRecoveryCode } = await checkCode({ ...ctx, command: 'session.verifyCode' }, input.code, { recoveryCode: true });
    ctx.app.secondFactorGiven(session, ctx.caller);
    if (usedRecoveryCode) ctx.recordIds.push('recovery code');
    return { usedRecoveryCode, recoveryCodesLeft: countUnusedRecoveryCodes(ctx.db, session.user.id) };
  }),

  'secondFactor.startEnrolment': inTransaction<'secondFactor.startEnrolment'>((ctx) => {
    requireSecondFactorRole(ctx);
    const { user } = ctx.session;
    ctx.recordIds.push(user.id);
    if (findAuthenticator(ctx.db, user.id)?.confirmedAt) {
      throw new CommandError('conflict', 'Your authenticator app is set up already. If you have lost it, ask a DSL to reset your second factor.');
    }
    const secret = newTotpSecret();
    putUnconfirmedAuthenticator(ctx.db, user.id, secret, ctx.now.toISOString());
    const issuer = `Safeguarding Records (${schoolName(ctx)})`;
    return { otpauthUri: otpauthUri(secret, issuer, user.username), secret: groupedSecret(secret), issuer, accountName: user.username };
  }),

  'secondFactor.confirmEnrolment': awaiting<'secondFactor.confirmEnrolment'>(async (ctx, input) => {
    requireSecondFactorRole(ctx);
    const { session } = ctx;
    ctx.recordIds.push(session.user.id);
    const existing = findAuthenticator(ctx.db, session.user.id);
    if (!existing) throw new CommandError('conflict', 'Start setting up your authenticator app first: the code must come from the app that scanned this page’s QR code.');
    if (existing.confirmedAt) throw new CommandError('conflict', 'Your authenticator app is set up already.');
    const { step } = await checkCode({ ...ctx, command: 'secondFactor.confirmEnrolment' }, input.code, { recoveryCode: false, unconfirmed: true });
    const recoveryCodes = ctx.transact(() => {
      confirmAuthenticator(ctx.db, session.user.id, step!, ctx.now.toISOString());
      return issueRecoveryCodes(ctx);
    });
    ctx.app.secondFactorGiven(session, ctx.caller);
    return { recoveryCodes };
  }),

  'secondFactor.status': inTransaction<'secondFactor.status'>((ctx) => {
    const { user } = ctx.session;
    const authenticator = findAuthenticator(ctx.db, user.id);
    return {
      required: needsSecondFactor(user.role),
      enrolledAt: authenticator?.confirmedAt ?? null,
      recoveryCodesLeft: countUnusedRecoveryCodes(ctx.db, user.id),
    };
  }),

  'secondFactor.newRecoveryCodes': awaiting<'secondFactor.newRecoveryCodes'>(async (ctx, input) => {
    requireSecondFactorRole(ctx);
    ctx.recordIds.push(ctx.session.user.id);
    await checkCode({ ...ctx, command: 'secondFactor.newRecoveryCodes' }, input.code, { recoveryCode: false });
    return { recoveryCodes: ctx.transact(() => issueRecoveryCodes(ctx)) };
  }),

  'accounts.resetSecondFactor': inTransaction<'accounts.resetSecondFactor'>((ctx, input) => {
    const account = findAccount(ctx.db, input.userId);
    if (!account) throw new CommandError('not_found', 'That account does not exist.');
    ctx.recordIds.push(account.id);
    if (account.id === ctx.session.user.id) {
      throw new CommandError('conflict', 'You cannot reset your own second factor. Ask another DSL (or, for an administrator’s account, an administrator) to do it.');
    }
    if (!mayResetSecondFactor(ctx.session.user.role, account.role)) throw new CommandError('forbidden', `Only a DSL can reset ${roleArticle[account.role]} second factor.`);
    if (!clearSecondFactor(ctx.db, account.id)) throw new CommandError('conflict', `${account.displayName} has no authenticator app set up: they will set one up when they next sign in.`);
    // Sessions begun with the old factor end: whoever holds the lost phone may be the one signed in.
    ctx.app.endSessionsWhere((session) => session.user.id === account.id);
    return { done: true };
  }),
};
