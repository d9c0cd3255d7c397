// The DSL's working day: the queue, the concern lifecycle, decisions, information sharing, referrals and their
// clocks, actions, reviews, and each child's file and chronology. DSL role only.
import { z } from 'zod';
import {
  agencies,
  concernOutcomes,
  consentPositions,
  decisionKinds,
  dslParts,
  externalEventKinds,
  lawfulBases,
  referralMethods,
  referralOutcomes,
  statusFlags,
} from '../casework/vocabulary';
import { command, done } from './define';
import { calendarDateSchema, idSchema, timeOfDaySchema, versionSchema } from './fields';

const text = (required: string, max = 10_000) => z.string().trim().min(1, required).max(max, `Keep this to ${max.toLocaleString('en-GB')} characters`);
const optionalText = (max = 5_000) => z.string().trim().max(max).default('');

const consentFields = {
  consent: z.enum(consentPositions, { message: 'Choose the consent position' }),
  consentReason: optionalText(),
};
/** Consent not sought, or refused and overridden, must say why: that reason is what a reviewer reads. */
const consentReasonRequired = <T extends { consent: string; consentReason: string }>(value: T, context: z.RefinementCtx) => {
  if (value.consent !== 'given' && value.consentReason.trim() === '') {
    context.addIssue({ code: 'custom', path: ['consentReason'], message: value.consent === 'refused' ? 'Say why you are going ahead without consent' : 'Say why consent was not sought' });
  }
};

export const queueFiltersSchema = z.object({
  category: z.string().optional(),
  yearGroup: z.string().optional(),
  assignedTo: z.string().optional(),
  from: calendarDateSchema('Enter a start date').optional(),
  to: calendarDateSchema('Enter an end date').optional(),
});
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

export const queueTabs = ['new', 'open', 'closed', 'all'] as const;

export const queueRowSchema = z.object({
  id: z.string(),
  recordedAt: z.string(),
  status: z.enum(['new', 'read', 'open', 'closed']),
  immediateDanger: z.boolean(),
  urgent: z.boolean(),
  authorName: z.string(),
  pupilNames: z.array(z.string()),
  /** The same children with their ids, so each name can link to the child's file. */
  pupils: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The child in the author's own words; with no pupils, the concern still waits for a DSL to match it. */
  childDescribed: z.string(),
  yearGroups: z.array(z.string()),
  categories: z.array(z.string()),
  assignedTo: z.string().nullable(),
  assignedToName: z.string().nullable(),
  summary: z.string(),
  /** The concern's version, sent back with an assignment so a change made meanwhile is not overwritten. */
  version: z.number().int(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

export const referralClockSchema = z.object({
  id: z.string(),
  pupilId: z.string(),
  pupilName: z.string(),
  agency: z.enum(agencies),
  contactName: z.string(),
  referredAt: z.string(),
  reference: z.string(),
  acknowledgementDue: z.string(),
  acknowledgedAt: z.string().nullable(),
  outcomeDue: z.string(),
  outcomeAt: z.string().nullable(),
  outcome: z.enum(referralOutcomes).nullable(),
  /** 'acknowledgement_overdue' | 'awaiting_acknowledgement' | 'outcome_overdue' | 'awaiting_outcome' | 'complete' */
  clock: z.enum(['acknowledgement_overdue', 'awaiting_acknowledgement', 'outcome_overdue', 'awaiting_outcome', 'complete']),
  workingDaysOverdue: z.number().int(),
  chases: z.number().int(),
  escalation: z
    .object({ id: z.string(), resolveBy: z.string(), resolvedAt: z.string().nullable(), stages: z.array(z.object({ title: z.string(), workingDays: z.number().int() })), stepsTaken: z.number().int(), version: z.number().int() })
    .nullable(),
  version: z.number().int(),
});
export type ReferralClock = z.infer<typeof referralClockSchema>;

export const actionSchema = z.object({
  id: z.string(),
  pupilId: z.string(),
  pupilName: z.string(),
  title: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  completedAt: z.string().nullable(),
  completionNotes: z.string(),
  overdue: z.boolean(),
  version: z.number().int(),
});

export const reviewSchema = z.object({
  id: z.string(),
  pupilId: z.string(),
  pupilName: z.string(),
  title: z.string(),
  intervalDays: z.number().int(),
  nextDueOn: z.string(),
  ownerName: z.string(),
  overdue: z.boolean(),
  version: z.number().int(),
});

export const chronologyKinds = ['concern', 'addendum', 'decision', 'referral', 'referral_update', 'action', 'review', 'assessment', 'event', 'flag', 'sharing'] as const;
export const chronologyEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(chronologyKinds),
  at: z.string(),
  title: z.string(),
  detail: z.string(),
  by: z.string(),
  significant: z.boolean(),
  /** The record it comes from, e.g. the concern to open. */
  recordId: z.string(),
});
export type ChronologyEntry = z.infer<typeof chronologyEntrySchema>;

export const childFileSchema = z.object({
  pupil: z.object({
    id: z.string(),
    upn: z.string().nullable(),
    legalFirstName: z.string(),
    legalLastName: z.string(),
    preferredName: z.string().nullable(),
    dateOfBirth: z.string(),
    yearGroup: z.string().nullable(),
    registrationGroup: z.string().nullable(),
    gender: z.string().nullable(),
    senStatus: z.string().nullable(),
    address: z.string(),
    postcode: z.string(),
    ethnicity: z.string(),
    firstLanguage: z.string(),
    religion: z.string(),
    contacts: z.array(z.object({ name: z.string(), relationship: z.string(), phone: z.string(), parentalResponsibility: z.boolean() })),
    leftOn: z.string().nullable(),
  }),
  siblings: z.array(z.object({ id: z.string(), name: z.string(), yearGroup: z.string().nullable() })),
  flags: z.array(z.object({ id: z.string(), flag: z.enum(statusFlags), startDate: z.string(), endDate: z.string().nullable(), source: z.string(), current: z.boolean(), version: z.number().int() })),
  openReferrals: z.array(referralClockSchema),
  /** Every referral about the child, answered or not (an answered one may still be escalated). */
  referrals: z.array(referralClockSchema),
  concerns: z.array(
    z.object({
      id: z.string(),
      recordedAt: z.string(),
      /** When it happened: how a DSL names a concern ("the concern of 23/11/2026 08:15"). */
      occurredAt: z.string(),
      status: z.enum(['new', 'read', 'open', 'closed']),
      immediateDanger: z.boolean(),
      summary: z.string(),
      authorName: z.string(),
      outcome: z.string().nullable(),
      version: z.number().int(),
    }),
  ),
  openActions: z.array(actionSchema),
  reviews: z.array(reviewSchema),
  concernCount: z.number().int(),
});
export type ChildFile = z.infer<typeof childFileSchema>;

const stageSchema = z.object({ title: text('Name the stage', 200), workingDays: z.number().int().min(0).max(60) });

export const caseworkCommands = {
  'queue.counts': command(
    'children.read',
    z.object({ filters: queueFiltersSchema.default({}) }),
    z.object({ new: z.number().int(), open: z.number().int(), referralsAwaiting: z.number().int(), referralsOverdue: z.number().int(), actionsDue: z.number().int(), reviewsDue: z.number().int() }),
    { audited: false },
  ),
  'queue.concerns': command(
    'children.read',
    z.object({
      tab: z.enum(queueTabs),
      filters: queueFiltersSchema.default({}),
      sort: z.enum(['priority', 'oldest', 'newest']).default('priority'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    z.object({ rows: z.array(queueRowSchema), total: z.number().int() }),
  ),
  'queue.referrals': command('children.read', z.object({ includeComplete: z.boolean().default(false) }), z.array(referralClockSchema)),
  'queue.actions': command('children.read', z.object({ withinDays: z.number().int().min(0).max(365).default(7) }), z.array(actionSchema)),
  'queue.reviews': command('children.read', z.object({ withinDays: z.number().int().min(0).max(365).default(7) }), z.array(reviewSchema)),

  'concerns.assign': command('children.write', z.object({ concernId: idSchema, version: versionSchema, assignTo: idSchema, handoverNote: optionalText(2_000) }), done),
  'concerns.open': command('children.write', z.object({ concernId: idSchema }), done),
  'concerns.close': command(
    'children.write',
    z.object({ concernId: idSchema, version: versionSchema, outcome: z.enum(concernOutcomes, { message: 'Choose the outcome' }), reason: text('Say why the concern can be closed', 5_000) }),
    done,
  ),
  'concerns.link': command('children.write', z.object({ concernId: idSchema, linkedConcernId: idSchema, note: optionalText(1_000) }), done),
  'concerns.refinePart': command('children.write', z.object({ concernId: idSchema, pupilId: idSchema, part: z.enum(dslParts) }), done),

  'decisions.record': command(
    'children.write',
    z
      .object({
        pupilId: idSchema,
        concernId: idSchema.nullable().default(null),
        decision: z.enum(decisionKinds, { message: 'Choose what was decided' }),
        reasons: text('Record the reasons for this decision — including a decision not to refer'),
        consulted: optionalText(2_000),
        ...consentFields,
        /** For a decision that shares information: what is shared and with whom. */
        sharing: z.object({ what: text('Say what information is shared', 5_000), withWhom: text('Say who it is shared with', 500), lawfulBasis: z.enum(lawfulBases) }).nullable().default(null),
      })
      .superRefine(consentReasonRequired),
    z.object({ id: z.string() }),
  ),
  'sharing.record': command(
    'children.write',
    z
      .object({
        pupilId: idSchema,
        shared: z.boolean(),
        what: text('Say what information was (or was not) shared', 5_000),
        withWhom: text('Say with whom', 500),
        sharedOn: calendarDateSchema('Enter the date'),
        sharedAtTime: timeOfDaySchema(),
        lawfulBasis: z.enum(lawfulBases, { message: 'Choose the lawful basis' }),
        ...consentFields,
      })
      .superRefine(consentReasonRequired),
    z.object({ id: z.string() }),
  ),
  'sharing.log': command(
    'children.read',
    z.object({ pupilId: idSchema }),
    z.array(z.object({ id: z.string(), decisionId: z.string().nullable(), referralId: z.string().nullable(), shared: z.boolean(), what: z.string(), withWhom: z.string(), sharedAt: z.string(), lawfulBasis: z.enum(lawfulBases), consent: z.enum(consentPositions), consentReason: z.string(), recordedBy: z.string() })),
  ),

  'referrals.create': command(
    'children.write',
    z
      .object({
        pupilId: idSchema,
        decisionId: idSchema.nullable().default(null),
        agency: z.enum(agencies, { message: 'Choose the agency' }),
        contact: z.object({
          packId: z.string().max(200).nullable().default(null),
          contactId: z.string().max(200).nullable().default(null),
          name: text('Say who you referred to (team or person)', 300),
          phone: optionalText(100),
          email: optionalText(200),
        }),
        method: z.enum(referralMethods, { message: 'Choose how you referred' }),
        referredOn: calendarDateSchema('Enter the date of the referral'),
        referredAtTime: timeOfDaySchema(),
        reference: optionalText(100),
        whatShared: text('Say what information you shared'),
        ...consentFields,
      })
      .superRefine(consentReasonRequired),
    z.object({ id: z.string(), acknowledgementDue: z.string(), outcomeDue: z.string() }),
  ),
  'referrals.acknowledge': command('children.write', z.object({ referralId: idSchema, version: versionSchema, acknowledgedOn: calendarDateSchema('Enter the date'), acknowledgedAtTime: timeOfDaySchema(), reference: optionalText(100), note: optionalText(2_000) }), done),
  'referrals.recordOutcome': command(
    'children.write',
    z.object({ referralId: idSchema, version: versionSchema, outcome: z.enum(referralOutcomes, { message: 'Choose the outcome' }), summary: text('Summarise what the agency decided', 5_000), outcomeOn: calendarDateSchema('Enter the date') }),
    done,
  ),
  'referrals.chase': command('children.write', z.object({ referralId: idSchema, method: z.enum(referralMethods), note: text('Say whom you chased and what they said', 2_000) }), done),
  'referrals.escalate': command(
    'children.write',
    z.object({ referralId: idSchema, disagreement: text('Say what you disagree with and why'), stages: z.array(stageSchema).min(1, 'Add at least one escalation stage').max(10) }),
    z.object({ id: z.string(), resolveBy: z.string() }),
  ),
  'escalations.step': command('children.write', z.object({ escalationId: idSchema, stage: z.number().int().min(1), note: text('Record what happened at this stage', 5_000) }), done),
  'escalations.resolve': command('children.write', z.object({ escalationId: idSchema, version: versionSchema, resolution: text('Record how it was resolved', 5_000) }), done),

  'actions.create': command(
    'children.write',
    z.object({ pupilId: idSchema, concernId: idSchema.nullable().default(null), title: text('Say what needs doing', 500), ownerId: idSchema, dueOn: calendarDateSchema('Enter when it is due') }),
    z.object({ id: z.string() }),
  ),
  'actions.complete': command('children.write', z.object({ actionId: idSchema, version: versionSchema, notes: text('Say what was done', 5_000) }), done),
  'reviews.create': command(
    'children.write',
    z.object({ pupilId: idSchema, title: text('Name the review', 200), intervalDays: z.number().int().min(1, 'Review at least every day').max(366, 'Review at least once a year'), firstDueOn: calendarDateSchema('Enter when the first review is due'), ownerId: idSchema }),
    z.object({ id: z.string() }),
  ),
  'reviews.record': command('children.write', z.object({ reviewId: idSchema, version: versionSchema, notes: text('Record what the review found', 10_000), end: z.boolean().default(false) }), z.object({ nextDueOn: z.string().nullable() })),

  'children.file': command('children.read', z.object({ pupilId: idSchema }), childFileSchema),
  'children.chronology': command(
    'children.read',
    z.object({ pupilId: idSchema, kinds: z.array(z.enum(chronologyKinds)).optional(), significantOnly: z.boolean().default(false) }),
    z.array(chronologyEntrySchema),
  ),
  'children.addFlag': command(
    'children.write',
    z.object({ pupilId: idSchema, flag: z.enum(statusFlags, { message: 'Choose a status' }), startDate: calendarDateSchema('Enter the start date'), endDate: calendarDateSchema('Enter the end date').nullable().default(null), source: text('Say where this comes from (e.g. the CP conference on 03/11/2026)', 500) }),
    z.object({ id: z.string() }),
  ),
  'children.endFlag': command('children.write', z.object({ flagId: idSchema, version: versionSchema, endDate: calendarDateSchema('Enter the end date') }), done),
  'children.addEvent': command(
    'children.write',
    z.object({
      pupilId: idSchema,
      kind: z.enum(externalEventKinds, { message: 'Choose what happened' }),
      occurredOn: calendarDateSchema('Enter the date'),
      occurredAtTime: timeOfDaySchema(),
      summary: text('Summarise what happened'),
      source: optionalText(500),
      significant: z.boolean().default(false),
    }),
    z.object({ id: z.string() }),
  ),
  'children.recordAssessment': command(
    'children.write',
    z.object({
      pupilId: idSchema,
      packId: z.string().min(1).max(200),
      indicators: z.array(z.object({ id: z.string().max(200), observation: z.string().max(2_000).default('') })).max(500),
      judgedLevel: text('Record your judgement of the level of need', 100),
      reasons: text('Record the reasons for your judgement'),
    }),
    /** The suggestion is worked out again here from the pack, never taken from the page. */
    z.object({ id: z.string(), suggestedLevel: z.string(), suggestedBand: z.string() }),
  ),
};
