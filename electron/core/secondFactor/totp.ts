// Time-based one-time codes (RFC 6238) as every authenticator app reads them: HMAC-SHA-1, 6 digits, 30-second steps.
// Those are the defaults of the otpauth:// format; apps that are offered anything else often ignore it silently and
// then show codes that never match.
import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const PERIOD_SECONDS = 30;
export const DIGITS = 6;
/** One step either side: a phone's clock a little out, or a code typed as it changed. No wider, so a seen code soon dies. */
const WINDOW = 1;

/** A new shared secret: 160 random bits (RFC 4226's recommended length), in base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ buffer: crypto.randomBytes(20).buffer }).base32;
}

function totp(secretBase32: string, label = 'account', issuer = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** The time step (RFC 6238's T) a moment falls in. */
export const timeStepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / PERIOD_SECONDS);

/** The code an authenticator shows at `at`. */
export function codeAt(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

/**
 * The time step whose code `code` is, within a step of `at`; null if it is none of them. The caller refuses any step
 * not after the last one used, so a code seen over someone's shoulder cannot be used again.
 */
export function matchingTimeStep(secretBase32: string, code: string, at: Date): number | null {
  const delta = totp(secretBase32).validate({ token: code, timestamp: at.getTime(), window: WINDOW });
  return delta === null ? null : timeStepAt(at) + delta;
}

/** The otpauth:// link a QR code carries: what the app shows (issuer, account) and the secret. */
export function otpauthUri(secretBase32: string, issuer: string, accountName: string): string {
  return totp(secretBase32, accountName, issuer).toString();
}

/** The secret in groups of four, for typing into an app by hand. */
export const groupedSecret = (secretBase32: string): string => secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
