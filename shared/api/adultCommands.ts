// Concerns and allegations about adults (KCSIE Part 4): logging (about a colleague or oneself), the two registers, the
// response, escalation, the LADO, actions, the outcome, referrals, retention and removal. Every command that reads a
// record is open only to its recipient, never to its subject (shared/access/adultConcernRules).
import { z } from 'zod';
import { adultConcernKinds } from '../access/adultConcernRules';
import { allegationOutcomes } from '../adults/retention';
import { command, done, nothing } from './define';
import { calendarDateSchema, idSchema, timeOfDaySchema } from './fields';

export const adultRelationships = ['staff', 'supply', 'contractor', 'volunteer', 'governor', 'other'] as const;
export const adultRelationshipLabels: Record<(typeof adultRelationships)[number], string> = {
  staff: 'Works at the school',
  supply: 'Supply or agency staff',
  contractor: 'Contractor',
  volunteer: 'Volunteer',
  governor: 'Governor',
  other: 'Other',
};

export const childHarmAnswers = ['yes', 'not_sure', 'no'] as const;
export const childHarmLabels: Record<(typeof childHarmAnswers)[number], string> = {
  yes: 'Yes: a child has been harmed, or could be',
  not_sure: 'I am not sure',
  no: 'No: it is a worry about how they behave, not harm to a child',
};

const words = (empty: string, max = 20_000) => z.string().trim().min(1, empty).max(max, `Keep this to ${max.toLocaleString('en-GB')} characters`);
const optionalWords = (max: number) => z.string().trim().max(max, `Keep this to ${max.toLocaleString('en-GB')} characters`).default('');

export const adultSubjectSchema = z
  .object({
    /** An account from the school's staff list, or null for someone without one (supply, contractor, volunteer). */
    userId: idSchema.nullable().default(null),
    name: optionalWords(120),
    role: optionalWords(120),
    employer: optionalWords(200),
    relationship: z.enum(adultRelationships, { message: 'Choose how they work with the school' }).default('staff'),
  })
  .superRefine((subject, context) => {
    if (!subject.userId && !subject.name) context.addIssue({ code: 'custom', path: ['name'], message: 'Choose the adult from the staff list, or type their name' });
    if (!subject.userId && (subject.relationship === 'supply' || subject.relationship === 'contractor') && !subject.employer) {
      context.addIssue({ code: 'custom', path: ['employer'], message: 'Enter the agency or company they work for' });
    }
  });

export const adultConcernInputSchema = z.object({
  /** About oneself: KCSIE encourages staff to record a concern about their own conduct. */
  selfReport: z.boolean().default(false),
  subject: adultSubjectSchema.optional(),
  occurredDate: calendarDateSchema('Enter the date it happened, for example 22/11/2026'),
  occurredTime: timeOfDaySchema('Enter the time it happened, for example 14:30').or(z.literal('')).default(''),
  location: optionalWords(300),
  othersPresent: optionalWords(2_000),
  whatHappened: words('Write what happened, in your own words'),
  childHarm: z.enum(childHarmAnswers, { message: 'Say whether you think a child has been harmed, or could be' }),
});
export type AdultConcernInput = z.input<typeof adultConcernInputSchema>;

const ladoContactSchema = z.object({ name: z.string(), phone: z.string(), email: z.string(), verifiedOn: z.string().nullable() });

export const adultConcernLoggedSchema = z.object({
  /** The record's id once stored; the envelope's id while it waits, sealed. */
  id: z.string(),
  recordedAt: z.string(),
  /**
   * 'stored': in the register now. 'sealed': the records were locked, so it was sealed to the hub's intake key and
   * waits for the next reader to open them (decision 0020, addendum); who holds each role is inside the store, so
   * where it goes is not known yet. 'outbox': sealed on this computer, which could not reach the records computer, and
   * sent when it answers (decision 0024).
   */
  delivery: z.enum(['stored', 'sealed', 'outbox']),
  /** The register it is (or will be) in: decided by the person logging, so known even while sealed. */
  kind: z.enum(adultConcernKinds),
  /** To whom it went, by role (never by name: the person logging need not know who holds it); null while sealed. */
  sentTo: z.enum(['headteacher', 'dsl', 'chair_of_governors']).nullable(),
  /** True when nobody holds that role yet: the person logging must tell someone in person. */
  nobodyToReceive: z.boolean(),
  /** The headteacher-proprietor case: tell the LADO now. */
  ladoDirectly: z.boolean(),
  ladoContact: ladoContactSchema.nullable(),
});

export const myAdultConcernSchema = z.object({
  id: z.string(),
  recordedAt: z.string(),
  subjectName: z.string(),
  selfReport: z.boolean(),
  whatHappened: z.string(),
  status: z.enum(['submitted', 'read']),
});

const ladoClockSchema = z.object({ state: z.enum(['consulted', 'due', 'overdue']), due: z.string() });
const retentionSchema = z.object({ kind: z.enum(['until_leaves', 'date', 'offer_removal']), date: z.string().nullable(), explanation: z.string() });

export const adultRegisterRowSchema = z.object({
  id: z.string(),
  kind: z.enum(adultConcernKinds),
  recordedAt: z.string(),
  subjectName: z.string(),
  /** The same adult, however they were named: an account id, or the name as typed (lower case). */
  subjectKey: z.string(),
  selfReport: z.boolean(),
  read: z.boolean(),
  responded: z.boolean(),
  outcome: z.enum(allegationOutcomes).nullable(),
  ladoClock: ladoClockSchema.nullable(),
  retention: retentionSchema,
});

export const adultRegisterSchema = z.object({
  rows: z.array(adultRegisterRowSchema),
  /** Adults named in more than one record the viewer receives: the pattern a low-level register exists to show. */
  patterns: z.array(z.object({ subjectKey: z.string(), subjectName: z.string(), recordIds: z.array(z.string()) })),
});

export const adultResponseKinds = ['conversation', 'support', 'training', 'none', 'other'] as const;
export const adultResponseLabels: Record<(typeof adultResponseKinds)[number], string> = {
  conversation: 'A conversation with the person',
  support: 'Support for the person',
  training: 'Training',
  none: 'No action needed',
  other: 'Something else',
};
export const adultActionKinds = ['suspension_considered', 'police', 'employer_told', 'other'] as const;
export const adultActionLabels: Record<(typeof adultActionKinds)[number], string> = {
  suspension_considered: 'Suspension considered (a neutral act, not a finding)',
  police: 'Police told',
  employer_told: 'Employer or agency told',
  other: 'Other action',
};
export const professionalReferralBodies = ['dbs', 'tra'] as const;

export const adultConcernViewSchema = z.object({
  id: z.string(),
  kind: z.enum(adultConcernKinds),
  recordedAt: z.string(),
  author: z.string(),
  selfReport: z.boolean(),
  subject: z.object({ name: z.string(), role: z.string(), employer: z.string(), relationship: z.enum(adultRelationships), fromStaffList: z.boolean() }),
  occurredAt: z.string(),
  location: z.string(),
  othersPresent: z.string(),
  whatHappened: z.string(),
  childHarm: z.enum(childHarmAnswers),
  readAt: z.string().nullable(),
  responses: z.array(z.object({ id: z.string(), kind: z.enum(adultResponseKinds), note: z.string(), writtenAt: z.string(), author: z.string() })),
  /** A low-level concern escalated to an allegation, and the allegation it came from: kept both ways. */
  escalatedTo: z.string().nullable(),
  escalatedFrom: z.string().nullable(),
  caseManagerKnewAt: z.string().nullable(),
  ladoClock: ladoClockSchema.nullable(),
  lado: z.object({ consultedAt: z.string(), officer: z.string(), advice: z.string(), reference: z.string() }).nullable(),
  actions: z.array(z.object({ id: z.string(), kind: z.enum(adultActionKinds), note: z.string(), writtenAt: z.string(), author: z.string() })),
  outcome: z.object({ outcome: z.enum(allegationOutcomes), decidedOn: z.string(), note: z.string() }).nullable(),
  referrals: z.array(z.object({ id: z.string(), body: z.enum(professionalReferralBodies), referredOn: z.string(), note: z.string() })),
  personLeftOn: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  retention: retentionSchema,
  ladoContact: ladoContactSchema.nullable(),
  /** What has left the school from this record: the register's information-sharing log. */
  exports: z.array(z.object({ id: z.string(), kind: z.enum(['person_summary', 'lado_referral']), recipient: z.string(), purpose: z.string(), at: z.string(), by: z.string() })),
});
export type AdultConcernView = z.infer<typeof adultConcernViewSchema>;

export const adultRoleHoldersSchema = z.object({
  headteacherUserId: idSchema.nullable(),
  chairOfGovernorsUserId: idSchema.nullable(),
  dslUserId: idSchema.nullable(),
  lowLevelTo: z.enum(['headteacher', 'dsl']),
  headIsProprietor: z.boolean(),
});

const recordId = z.object({ id: idSchema });

export const adultCommands = {
  /** The names to choose from: every active account, name only. */
  'adults.staffList': command('adults.log', nothing, z.array(z.object({ id: z.string(), displayName: z.string() })), { audited: false }),
  'adults.log': command('adults.log', adultConcernInputSchema, adultConcernLoggedSchema),
  'adults.mine': command('adults.log', nothing, z.array(myAdultConcernSchema)),
  /** New records for this recipient: the alert is a number, for them alone. */
  'adults.alerts': command('adults.receive', nothing, z.object({ unread: z.number().int() }), { audited: false }),
  'adults.register': command('adults.receive', z.object({ kind: z.enum(adultConcernKinds) }), adultRegisterSchema),
  /** The whole record, for its recipient; opening it marks it read. Anyone else is told it does not exist. */
  'adults.get': command('adults.receive', recordId, adultConcernViewSchema),
  'adults.respond': command('adults.receive', z.object({ id: idSchema, kind: z.enum(adultResponseKinds, { message: 'Choose what was done' }), note: optionalWords(5_000) }), done),
  'adults.escalate': command('adults.receive', z.object({ id: idSchema, reason: words('Say why this now meets the harm threshold', 5_000) }), z.object({ allegationId: z.string() })),
  'adults.recordLado': command(
    'adults.receive',
    z.object({
      id: idSchema,
      consultedDate: calendarDateSchema('Enter the date the LADO was consulted'),
      consultedTime: timeOfDaySchema('Enter the time, for example 14:30'),
      officer: optionalWords(120),
      advice: words('Write the LADO’s advice', 10_000),
      reference: optionalWords(120),
    }),
    done,
  ),
  'adults.addAction': command('adults.receive', z.object({ id: idSchema, kind: z.enum(adultActionKinds, { message: 'Choose the action' }), note: words('Say what was done and why', 5_000) }), done),
  'adults.recordOutcome': command(
    'adults.receive',
    z.object({ id: idSchema, outcome: z.enum(allegationOutcomes, { message: 'Choose the outcome' }), decidedOn: calendarDateSchema('Enter the date of the outcome'), note: optionalWords(5_000) }),
    done,
  ),
  'adults.recordReferral': command(
    'adults.receive',
    z.object({ id: idSchema, body: z.enum(professionalReferralBodies, { message: 'Choose the DBS or the TRA' }), referredOn: calendarDateSchema('Enter the date of the referral'), note: optionalWords(5_000) }),
    done,
  ),
  /** The facts retention depends on: when the person left, and their date of birth (for normal pension age). */
  'adults.recordPersonDetails': command(
    'adults.receive',
    z.object({ id: idSchema, personLeftOn: calendarDateSchema('Enter the date they left').nullable(), dateOfBirth: calendarDateSchema('Enter their date of birth').nullable() }),
    done,
  ),
  /** Removes a malicious allegation's content after a person confirms; the removal is audited, the content not kept. */
  'adults.removeMalicious': command('adults.receive', z.object({ id: idSchema, confirm: z.literal(true, { message: 'Confirm that the allegation is to be removed' }) }), done),
  /**
   * A PDF in an AES-256 archive (passphrase returned once), logged with its recipient and purpose: the summary given
   * to the person concerned (KCSIE: they are given a copy; who raised it is left out) or the LADO referral summary.
   */
  'adults.exportSummary': command(
    'adults.receive',
    z.object({
      id: idSchema,
      kind: z.enum(['person_summary', 'lado_referral'], { message: 'Choose which summary' }),
      recipient: words('Say who it is for', 200),
      purpose: words('Say why it is being shared', 1_000),
    }),
    z.object({ exportId: z.string(), fileName: z.string(), mimeType: z.string(), dataBase64: z.string(), passphrase: z.string().nullable(), sha256: z.string() }),
  ),
  'adults.roleHolders': command(
    'adults.receive',
    nothing,
    z.object({ holders: adultRoleHoldersSchema, mayChange: z.boolean(), candidates: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })) }),
    { audited: false },
  ),
  'adults.setRoleHolders': command('adults.receive', adultRoleHoldersSchema, done),
};
