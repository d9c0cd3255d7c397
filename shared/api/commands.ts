// Every command a person can run, declared once: its name, input and output schemas and the permission it
// needs. The renderer's client, the IPC handler, the browser host and the CLI all go through these.
import { z } from 'zod';
import type { CommandDefinition } from './define';
import { roles, staffGroups } from '../access/roles';
import { localAuthorityIds } from '../school/localAuthorities';
import { termDatesProblems } from '../calendar/termDates';
import {
  calendarDateSchema,
  displayNameSchema,
  idSchema,
  newPasswordSchema,
  passwordSchema,
  recoveryKeySchema,
  schoolNameSchema,
  urnSchema,
  usernameSchema,
  versionSchema,
} from './fields';

import { command, done, nothing } from './define';
import { concernCommands } from './concernCommands';
import { pupilCommands } from './pupilCommands';
import { caseworkCommands } from './caseworkCommands';
import { packCommands } from './packCommands';
import { exportCommands } from './exportCommands';
import { reportCommands } from './reportCommands';
import { adultCommands } from './adultCommands';
import { sessionCommands } from './sessionCommands';
import { secondFactorCommands } from './secondFactorCommands';
import { connectCommands } from './connectCommands';


export const roleSchema = z.enum(roles, { message: 'Choose a role' });
export const staffGroupSchema = z.enum(staffGroups, { message: 'Choose the kind of job this person does' });

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

// needs_code: the password was right and the account's second factor is asked for next (nothing else works yet).
// needs_hub: a computer started in connect mode that is not yet enrolled with the school's hub (connectCommands).
export const appStateSchema = z.enum(['needs_setup', 'signed_out', 'needs_code', 'locked', 'signed_in', 'needs_hub']);
export type AppState = z.infer<typeof appStateSchema>;

export const appStatusSchema = z.object({
  state: appStateSchema,
  school: z.object({ name: z.string(), urn: z.string() }).nullable(),
  /** Who is signed in, or whose session is locked (so the lock screen can say whose password it wants). */
  user: sessionUserSchema.nullable(),
  idleLockMinutes: z.number().int(),
  /** Setup is finished only once the first DSL confirms the recovery key is printed or stored. */
  recoveryKeyConfirmed: z.boolean(),
  /** Signed in, but the account must enrol an authenticator app before anything else. */
  mustEnrolSecondFactor: z.boolean(),
  /** `locked` while no one who holds the data key is signed in: staff can still sign in and submit, sealed (decision 0022). */
  records: z.enum(['open', 'locked']).optional(),
  /** For the reader whose sign-in opened the records: how many sealed concerns were waiting and were stored. */
  intakeNotice: z
    .object({ arrived: z.number().int(), immediateDanger: z.number().int(), setAside: z.number().int(), concernIds: z.array(z.string()) })
    .nullable()
    .optional(),
  /** For the first DSL to sign in after a hub start that could not open the records from protected storage (0027). */
  unlockAtStartFailed: z.object({ at: z.string(), reason: z.string() }).nullable().optional(),
  /** Connect mode, not yet enrolled: the hub's address given at start (`--connect https://HOST:PORT`), to offer on the page. */
  suggestedHubUrl: z.string().max(300).optional(),
  /** Connect mode: this person's concerns sealed on this computer while the hub was out of reach, not yet delivered. */
  outboxWaiting: z.number().int().nonnegative().optional(),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  staffGroup: staffGroupSchema,
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  /** Moves on when an administrator changes the account, so two of them acting at once cannot both land. */
  version: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

/** Who vouches for a password reset, so an administrator alone can never take over someone's account. */
export const resetAuthoritySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recovery_key'), recoveryKey: recoveryKeySchema }),
  z.object({ kind: z.literal('dsl'), username: usernameSchema, password: passwordSchema }),
]);

/** Until the child's 25th birthday (the IRMS toolkit's period for child-protection records), or years after sending. */
export const transferRetentionRules = ['until_age_25', 'years_after_transfer'] as const;
export type TransferRetentionRule = (typeof transferRetentionRules)[number];

/**
 * Who staff find in person when a child is in immediate danger. Optional, but if any part is given the name must
 * be, and the extension must be something a person can dial.
 */
export const dslOnDutySchema = z
  .object({
    name: z.string().trim().max(120, 'Keep the name to 120 characters'),
    extension: z
      .string()
      .trim()
      .max(40, 'Keep the extension or number to 40 characters')
      .regex(/^([+(]?[0-9][0-9 ()-]*)?$/, 'Enter the extension or phone number in digits, for example 214'),
    whereToFind: z.string().trim().max(200, 'Keep where to find them to 200 characters'),
  })
  .superRefine((dsl, context) => {
    if (!dsl.name && (dsl.extension || dsl.whereToFind)) {
      context.addIssue({ code: 'custom', path: ['name'], message: 'Enter the name of the person staff should find, or leave all three blank' });
    }
  });

const termStartSchema = calendarDateSchema('Enter the date the term starts, for example 01/09/2026');

/** The first day of each term of one school year, as the school confirmed them (see shared/calendar/termDates). */
export const schoolYearTermsSchema = z
  .object({ schoolYear: z.number().int().min(2000).max(2100), autumn: termStartSchema, spring: termStartSchema, summer: termStartSchema })
  .superRefine((year, context) => {
    for (const [field, message] of Object.entries(termDatesProblems(year))) context.addIssue({ code: 'custom', path: [field], message });
  });

const settingsFields = {
  idleLockMinutes: z
    .number({ message: 'Enter a number of minutes' })
    .int('Enter a whole number of minutes')
    .min(1, 'Lock after at least 1 minute')
    .max(60, 'Lock after at most 60 minutes: an unattended screen shows children’s records'),
  /** Shown on the concern form when a child is in immediate danger. */
  dslOnDuty: z.object({
    name: z.string().trim().max(120),
    extension: z.string().trim().max(40),
    whereToFind: z.string().trim().max(200),
  }),
  /** Concerns about an adult go to the headteacher, not the DSL queue. */
  headteacher: z.object({ name: z.string().trim().max(120), contact: z.string().trim().max(200) }),
  /** The school's local-authority pack, and for a multi-council pack the council or district (set with packs.choose). */
  pack: z.object({ packId: z.string().nullable(), areaId: z.string().nullable() }),
  /** Days the school is closed (INSET, holidays): they stop school-day clocks, never a local authority's. */
  closureDates: z.array(calendarDateSchema('Enter closure dates as dates, for example 22/12/2026')).max(400),
  /** The school's own term dates, one entry per school year it has confirmed; reports use them for terms. */
  termDates: z.array(schoolYearTermsSchema).max(60),
  /**
   * How long this school keeps its copy of a child-protection file it has transferred. Nothing is destroyed by the
   * app: a file past its date is listed in the transfer register for the DSL to review under the records policy.
   */
  transferRetention: z.object({
    rule: z.enum(transferRetentionRules),
    years: z
      .number({ message: 'Enter a number of years' })
      .int('Enter a whole number of years')
      .min(1, 'Keep the copy for at least 1 year')
      .max(50, 'Keep the copy for at most 50 years'),
  }),
};
export const settingsSchema = z.object(settingsFields);
export type Settings = z.output<typeof settingsSchema>;
/** An update names only what changes; everything else keeps its value. The pack is chosen with packs.choose. */
export const settingsUpdateSchema = z.object({ ...settingsFields, dslOnDuty: dslOnDutySchema }).omit({ pack: true }).partial();
/** The settings as read, with the version a save must send back (every page that saves settings shares it). */
export const versionedSettingsSchema = settingsSchema.extend({ version: z.number().int() });

/**
 * A row of the audit log and the start of its hash, written down outside the computer. Whoever holds the database
 * key could rewrite the log and recompute every hash after it; they cannot make an anchor kept elsewhere match.
 */
export const auditAnchorSchema = z.object({
  seq: z.number({ message: 'Enter the row number written down with the fingerprint' }).int().min(1, 'Row numbers start at 1'),
  fingerprint: z
    .string()
    .transform((text) => text.replace(/[\s-]/g, '').toUpperCase())
    .pipe(z.string().regex(/^[0-9A-F]{20}$/, 'A fingerprint is 20 letters and digits (0–9, A–F), as it was printed')),
});
export type AuditAnchor = z.output<typeof auditAnchorSchema>;

/** An anchor as a person types it (a row number and a fingerprint, as text), checked by the one rule above. */
export function parseAuditAnchor(row: string, fingerprint: string) {
  const seq = /^\d+$/.test(row.trim()) ? Number(row.trim()) : Number.NaN;
  return auditAnchorSchema.safeParse({ seq, fingerprint });
}

/** Unlock at start (decision 0027): whether it is on, since when, and why the last start could not use it. */
export const unlockAtStartStateSchema = z.object({
  on: z.boolean(),
  turnedOnAt: z.string().nullable(),
  lastFailure: z.object({ at: z.string(), reason: z.string() }).nullable(),
  /** Whether this app runs as the school's hub: only a hub opens the records at start. */
  hub: z.boolean(),
  /** After turning it off: what could not be cleaned up, in plain words. */
  warning: z.string().nullable().optional(),
});
export type UnlockAtStartState = z.infer<typeof unlockAtStartStateSchema>;

export const auditVerificationSchema = z.object({
  integrity: z.object({ ok: z.boolean(), messages: z.array(z.string()) }),
  chain: z.object({
    ok: z.boolean(),
    rowsChecked: z.number().int(),
    firstBrokenRow: z.number().int().nullable(),
    reason: z.string().nullable(),
  }),
  /** The newest row and its fingerprint, to be written down as the next anchor. */
  head: z.object({ seq: z.number().int(), fingerprint: z.string() }).nullable(),
  /** The check of the anchor given, if one was. */
  anchor: z.object({ ok: z.boolean(), reason: z.string().nullable() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const commands = {
  'app.status': command('public', nothing, appStatusSchema, { audited: false }),

  'setup.create': command(
    'public',
    z.object({
      school: z.object({ name: schoolNameSchema, urn: urnSchema, localAuthority: z.enum(localAuthorityIds, { message: 'Choose the local authority' }) }),
      dsl: z.object({ username: usernameSchema, displayName: displayNameSchema, password: newPasswordSchema }),
      /** Optional at setup, and asked for there because the immediate-danger banner names this person. */
      dslOnDuty: dslOnDutySchema.optional(),
    }),
    z.object({ recoveryKey: z.string(), user: sessionUserSchema }),
  ),
  /** The DSL's getting-started list: which first-hour steps the school has done. */
  'setup.progress': command(
    'settings.manage',
    nothing,
    z.object({ dslOnDuty: z.boolean(), pupils: z.boolean(), staff: z.boolean(), contacts: z.boolean(), termDates: z.boolean() }),
    { audited: false },
  ),
  'setup.confirmRecoveryKey': command('accounts.manage', z.object({ confirmed: z.literal(true, { message: 'Confirm that the recovery key is printed or stored safely' }) }), done),

  'session.signIn': command('public', z.object({ username: usernameSchema, password: passwordSchema }), sessionUserSchema),
  'session.unlock': command('public', z.object({ password: passwordSchema }), sessionUserSchema),
  // Public so it works whatever state the page thinks it is in; locking an already-locked app does nothing.
  'session.lock': command('public', nothing, done),
  'session.signOut': command('public', nothing, done),
  /** The page reports that a person is active, so the idle lock does not fire while they type. */
  'session.touch': command('signedIn', nothing, done, { audited: false }),
  'session.changePassword': command('signedIn', z.object({ currentPassword: passwordSchema, newPassword: newPasswordSchema }), done),

  'accounts.list': command('accounts.manage', nothing, z.array(accountSchema)),
  'accounts.create': command(
    'accounts.manage',
    z.object({
      username: usernameSchema,
      displayName: displayNameSchema,
      role: roleSchema,
      staffGroup: staffGroupSchema,
      temporaryPassword: newPasswordSchema,
    }),
    accountSchema,
  ),
  'accounts.disable': command('accounts.manage', z.object({ userId: idSchema, version: versionSchema, reason: z.string().trim().min(1, 'Say why the account is being disabled').max(500) }), accountSchema),
  'accounts.resetPassword': command(
    'accounts.manage',
    z.object({ userId: idSchema, temporaryPassword: newPasswordSchema, authority: resetAuthoritySchema }),
    accountSchema,
  ),

  'settings.get': command('signedIn', nothing, versionedSettingsSchema, { audited: false }),
  'settings.update': command('settings.manage', settingsUpdateSchema.extend({ version: versionSchema }), versionedSettingsSchema),

  /** Whether the hub opens the records at start from the operating system's protected storage (decision 0027). */
  'settings.unlockAtStartState': command('settings.manage', nothing, unlockAtStartStateSchema, { audited: false }),
  'settings.unlockAtStart': command('unlockAtStart.manage', z.object({ on: z.boolean({ message: 'Choose on or off' }) }), unlockAtStartStateSchema),

  'audit.verify': command('audit.verify', z.object({ anchor: auditAnchorSchema.optional() }), auditVerificationSchema),

  /** Does nothing through the full dispatch path; the benchmark's baseline. */
  'system.noop': command('signedIn', nothing, done),
  ...pupilCommands,
  ...concernCommands,
  ...caseworkCommands,
  ...packCommands,
  ...exportCommands,
  ...reportCommands,
  ...adultCommands,
  ...sessionCommands,
  ...secondFactorCommands,
  ...connectCommands,
} satisfies Record<string, CommandDefinition>;

export type { CommandDefinition } from './define';
export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
