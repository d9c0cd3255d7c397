// The second factor: enrolling an authenticator app, answering its code at sign-in, recovery codes, and a DSL or
// administrator clearing someone's factor when their phone is lost (docs/decisions/0021-second-factor.md).
import { z } from 'zod';
import { command, done } from './define';
import { idSchema } from './fields';

/** A code as typed: the authenticator's six digits, or a recovery code (letters and digits, dashes and spaces ignored). */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(1, 'Enter the code')
  .max(40, 'That is not a code from your authenticator app or a recovery code')
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(\d{6}|[0-9A-Z]{10})$/, 'Enter the 6 digits your authenticator app shows, or a 10-character recovery code'));

/** Only the authenticator's six digits: enrolment proves the app works, and changing recovery codes needs the app. */
export const authenticatorCodeSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6 digits your authenticator app shows'));

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).length(10) });

export const secondFactorCommands = {
  /** Answers the code step of sign-in; the session then carries on under a new id. */
  'session.verifyCode': command('signedIn', z.object({ code: secondFactorCodeSchema }), z.object({ usedRecoveryCode: z.boolean(), recoveryCodesLeft: z.number().int() })),
  /** A new secret for the caller's authenticator (replacing one not yet confirmed): the otpauth:// link and the secret as text. */
  'secondFactor.startEnrolment': command('secondFactor.enrol', z.object({}).strict(), z.object({ otpauthUri: z.string(), secret: z.string(), issuer: z.string(), accountName: z.string() })),
  /** Proves the authenticator works with a current code; answers the recovery codes, shown this once. */
  'secondFactor.confirmEnrolment': command('signedIn', z.object({ code: authenticatorCodeSchema }), recoveryCodesSchema),
  /** Whether the caller must and does use a second factor, and how many recovery codes are left. */
  'secondFactor.status': command(
    'signedIn',
    z.object({}).strict(),
    z.object({ required: z.boolean(), enrolledAt: z.string().nullable(), recoveryCodesLeft: z.number().int() }),
    { audited: false },
  ),
  /** Ten new recovery codes (the old ones stop working); needs a current code from the authenticator. */
  'secondFactor.newRecoveryCodes': command('signedIn', z.object({ code: authenticatorCodeSchema }), recoveryCodesSchema),
  /** Clears another account's second factor (a lost phone): they enrol again at their next sign-in. */
  'accounts.resetSecondFactor': command('accounts.manage', z.object({ userId: idSchema }), done),
};
