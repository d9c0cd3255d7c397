// Opening a school's store from the command line: the data folder, the password from the environment, and a
// sign-in through the same dispatch as every other door, so the CLI is throttled and audited like the app.
import fs from 'node:fs';
import type { Caller, Session } from '../core';
import { SafeguardingApp, dispatch, type AppOptions } from '../core';
import { keyringPath } from '../core/crypto';
import type { AppError, Role } from '../../shared/api';
import { formatDateTime } from '../../shared/calendar';
import { CliError } from './arguments';
import type { Output } from './output';

export const PASSWORD_VARIABLE = 'SAFEGUARDING_PASSWORD';
export const CHEAP_KDF_VARIABLE = 'SAFEGUARDING_TEST_CHEAP_KDF';

/**
 * Cheap key derivation for automated tests only (set SAFEGUARDING_TEST_CHEAP_KDF=1). Passwords wrapped with it are
 * far easier to guess, so it is announced on every use and must never be set for a real school.
 */
let cheapKdfAnnounced = false;
export function kdfCostFromEnvironment(out: Output): AppOptions['kdfCost'] {
  if (process.env[CHEAP_KDF_VARIABLE] !== '1') return undefined;
  if (!cheapKdfAnnounced) out.warn(`WARNING: ${CHEAP_KDF_VARIABLE}=1 is set: passwords use weak key derivation. This is for automated tests only — never use it for a real school.`);
  cheapKdfAnnounced = true;
  return { memoryKiB: 1024, passes: 1 };
}

export function passwordFromEnvironment(whose: string): string {
  const password = process.env[PASSWORD_VARIABLE];
  if (!password) {
    throw new CliError(
      `Set the environment variable ${PASSWORD_VARIABLE} to ${whose} (passwords are never taken from the command line), for example:\n  read -rs ${PASSWORD_VARIABLE} && export ${PASSWORD_VARIABLE}`,
      2,
    );
  }
  return password;
}

export const RECOVERY_KEY_VARIABLE = 'SAFEGUARDING_RECOVERY_KEY';

/** The recovery key as typed from the printout (any case, dashes or not); checked against a keyring by the caller. */
export function recoveryKeyFromEnvironment(): string {
  const recoveryKey = process.env[RECOVERY_KEY_VARIABLE];
  if (!recoveryKey?.trim()) {
    throw new CliError(
      `Set the environment variable ${RECOVERY_KEY_VARIABLE} to the school’s recovery key, as printed when the school was set up (it is never taken from the command line), for example:\n  read -rs ${RECOVERY_KEY_VARIABLE} && export ${RECOVERY_KEY_VARIABLE}`,
      2,
    );
  }
  return recoveryKey;
}

/** The app for a data folder that must already hold a school; never creates an empty folder by mistake. */
export function openExistingSchool(dataDir: string, out: Output, log?: AppOptions['log']): SafeguardingApp {
  if (!fs.existsSync(keyringPath(dataDir))) {
    throw new CliError(`No school is set up in ${dataDir} (there is no keyring.json there). Check --data-dir or SAFEGUARDING_DATA_DIR, or run \`init\` to set one up.`);
  }
  try {
    return new SafeguardingApp({ dataDir, kdfCost: kdfCostFromEnvironment(out), ...(log ? { log } : {}) });
  } catch (error) {
    throw new CliError(`${(error as Error).message}`);
  }
}

/** The command line's one caller: a CLI run is one person at one terminal. */
export function cliCaller(): Caller {
  return { door: 'cli', sessionId: null };
}

/** Signs `caller` in through dispatch; the result is the session, or a CliError saying what to do. */
export async function signIn(app: SafeguardingApp, caller: Caller, username: string, password: string): Promise<Session> {
  const result = await dispatch(app, 'session.signIn', { username, password }, caller);
  if (!result.ok) throw new CliError(signInProblem(result.error, username, app.dataDir));
  return app.current(caller)!.session;
}

function signInProblem(error: AppError, username: string, dataDir: string): string {
  switch (error.code) {
    case 'unauthenticated':
      return `Could not sign in as ${username}: the username and password do not match an active account in ${dataDir}. Check --username and ${PASSWORD_VARIABLE}.`;
    case 'rate_limited':
      return `Too many wrong passwords for ${username}. Try again after ${error.retryAt ? formatDateTime(new Date(error.retryAt)) : 'a few minutes'}, or ask a DSL to reset the password.`;
    case 'invalid_input':
      return `Could not sign in: ${Object.values(error.fields ?? {}).flat().join('; ') || error.message}.`;
    default:
      return `Could not open the store in ${dataDir}: ${error.message}`;
  }
}

export function requireRole(session: Session, allowed: readonly Role[], why: string): void {
  if (!allowed.includes(session.user.role)) {
    throw new CliError(`${session.user.username} is signed in as ${session.user.role}; ${why} Use the account of ${allowed.map((role) => (role === 'dsl' ? 'a DSL' : `an ${role}`)).join(' or ')}.`);
  }
}
