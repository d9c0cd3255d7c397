// Checking a code: through the keyring's one throttled, audited check (counted per account, across every door and
// computer), against the account's authenticator or its unused recovery codes. A code is accepted once: the time
// step of the last one used is kept, and a recovery code is spent as it is used.
import { needsSecondFactor, type Role, type SecondFactorStep } from '../../../shared/api';
import type { SafeguardingApp } from '../app/safeguardingApp';
import type { Caller, Session } from '../app/sessionRegistry';
import { AuditedRefusal } from '../dispatch/commandError';
import type { Door } from '../dispatch/handler';
import { writeTransaction, type Store } from '../store';
import { recoveryCodeMatches } from './recoveryCodes';
import { findAuthenticator, hasConfirmedAuthenticator, spendRecoveryCode, unusedRecoveryCodes, useTimeStep } from './secondFactorRepository';
import { matchingTimeStep } from './totp';

const WRONG_CODE = 'That code is not right. Enter the code your authenticator app shows now for Safeguarding Records (each code works once).';
const TOO_MANY_WRONG_CODES = 'Too many wrong codes. Wait until the time shown, then try again — or use one of your recovery codes, or ask a DSL to reset your second factor.';

/**
 * What the session still waits for after a right password; nothing for accounts that sign in with a password alone.
 * The admin CLI is not asked (decision 0021): it runs on the hub against the data folder itself, and whoever can
 * read that folder and knows a password can decrypt the store without any app, so a code there would guard nothing.
 */
export function secondFactorStepFor(db: Store, account: { id: string; role: Role }, door: Door): SecondFactorStep | undefined {
  if (!needsSecondFactor(account.role) || door === 'cli') return undefined;
  return hasConfirmedAuthenticator(db, account.id) ? 'code' : 'enrol';
}

/** The throttle's key for one account's codes: apart from its password's, so a stolen password spends no code tries. */
const subjectFor = (userId: string): string => `second-factor:${userId}`;

interface CodeCheck {
  app: SafeguardingApp;
  db: Store;
  session: Session;
  caller: Caller;
  command: string;
}

/**
 * Checks `code` for the session's account and spends it. `accept` says which kinds count: a recovery code answers the
 * sign-in step, but enrolling or renewing recovery codes wants the app itself. Throws the refusal, already audited.
 */
export async function checkCode(
  { app, db, session, caller, command }: CodeCheck,
  code: string,
  accept: { recoveryCode: boolean; unconfirmed?: boolean },
): Promise<{ usedRecoveryCode: boolean; step: number | null }> {
  const userId = session.user.id;
  try {
    return await app.checkSecret(
      {
        subject: subjectFor(userId),
        door: caller.door,
        client: caller.address ?? null,
        command,
        recordIds: [userId],
        by: session.user,
        wrong: { code: 'invalid_input', message: WRONG_CODE, fields: { code: ['That code is not right'] } },
      },
      () => {
        const authenticator = findAuthenticator(db, userId);
        if (!authenticator || Boolean(authenticator.confirmedAt) === Boolean(accept.unconfirmed)) return null;
        if (/^\d{6}$/.test(code)) {
          const step = matchingTimeStep(authenticator.secret, code, app.clock());
          if (step === null) return null;
          // Enrolment's first code is remembered when the authenticator is confirmed.
          if (accept.unconfirmed) return { usedRecoveryCode: false, step };
          return writeTransaction(db, () => useTimeStep(db, userId, step)) ? { usedRecoveryCode: false, step } : null;
        }
        if (!accept.recoveryCode) return null;
        const at = app.clock().toISOString();
        for (const stored of unusedRecoveryCodes(db, userId)) {
          if (recoveryCodeMatches(code, stored)) return writeTransaction(db, () => spendRecoveryCode(db, stored.id, at)) ? { usedRecoveryCode: true, step: null } : null;
        }
        return null;
      },
    );
  } catch (error) {
    // The keyring's own message speaks of passwords; here it is codes, and the way round them.
    if (error instanceof AuditedRefusal && error.code === 'rate_limited') {
      throw new AuditedRefusal('rate_limited', TOO_MANY_WRONG_CODES, { code: ['Too many wrong codes: wait, then try again'] }, error.retryAt);
    }
    throw error;
  }
}
