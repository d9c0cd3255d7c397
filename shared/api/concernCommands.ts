// The zero-threshold concern log: drafts, submitting, "my concerns", addenda, and the DSL's first look.
import { z } from 'zod';
import { roles } from '../access/roles';
import { attachmentTypes, bodyMapMarkSchema, concernInputSchema, pupilParts } from '../concerns/concernSchema';
import { command, done, nothing } from './define';
import { idSchema } from './fields';

export const concernCategorySchema = z.object({ id: z.string(), label: z.string(), guidance: z.string(), duty: z.enum(['fgm', 'prevent']).nullable() });

export const formContextSchema = z.object({
  categories: z.array(concernCategorySchema),
  dslOnDuty: z.object({ name: z.string(), extension: z.string(), whereToFind: z.string() }),
  headteacher: z.object({ name: z.string(), contact: z.string() }),
});
export type FormContext = z.infer<typeof formContextSchema>;

/** What the author sees of their own concern afterwards: never what the DSL decided or wrote. */
export const authorStatusSchema = z.enum(['submitted', 'read', 'closed']);

export const myConcernSchema = z.object({
  id: z.string(),
  recordedAt: z.string(),
  /** Null while the concern is still sealed: only its envelope's header (who, when recorded) can be read. */
  occurredAt: z.string().nullable(),
  pupilNames: z.array(z.string()),
  /** The child in the author's own words, when they could not choose from the roster ('' otherwise, and while sealed). */
  childDescribed: z.string(),
  /**
   * `waiting`: sealed in the hub's queue while the records are locked; a DSL sees it when they are next opened.
   * `outbox`: sealed on this computer while the hub could not be reached, not yet delivered (connect mode, decision 0024).
   */
  status: z.enum([...authorStatusSchema.options, 'waiting', 'outbox']),
  immediateDanger: z.boolean(),
});

export const concernViewSchema = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), displayName: z.string() }),
  recordedAt: z.string(),
  occurredAt: z.string(),
  /** For the author, only the children they chose themselves; for a DSL, also those matched to the author's words. */
  pupils: z.array(z.object({ pupilId: z.string(), name: z.string(), yearGroup: z.string().nullable(), part: z.enum(pupilParts) })),
  /** The child in the author's own words ("Amy in 5B"), kept as written after a DSL matches it; '' when chosen from the roster. */
  childDescribed: z.string(),
  /** Which of `pupils` a DSL matched to those words, by whom and when. Empty for the author (the match is the DSL's act). */
  matches: z.array(z.object({ pupilId: z.string(), matchedBy: z.string(), matchedAt: z.string() })),
  location: z.string(),
  othersPresent: z.string(),
  whatHappened: z.string(),
  childWords: z.string(),
  categories: z.array(z.object({ id: z.string(), label: z.string() })),
  bodyMap: z.array(bodyMapMarkSchema),
  actionTaken: z.string(),
  urgent: z.boolean(),
  spokenToDslInPerson: z.enum(['yes', 'no']).nullable(),
  immediateDanger: z.boolean(),
  fgmPoliceReference: z.string(),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(attachmentTypes), size: z.number().int() })),
  /** For a DSL every addendum; for the author only their own (maySeeAddendum) — never what a DSL added afterwards. */
  addenda: z.array(z.object({ id: z.string(), author: z.string(), writtenAt: z.string(), text: z.string() })),
  /** For the author: submitted / read / closed. The DSL sees the full status in the review queue. */
  status: authorStatusSchema,
  readAt: z.string().nullable(),
});
export type ConcernView = z.infer<typeof concernViewSchema>;

/**
 * The hub's voucher for a connect-mode computer's session key (decision 0024, addendum): what that computer seals while
 * the hub is away, signed with the key, can be delivered after the hub restarts, with no session.
 */
export const intakeVoucherSchema = z.object({
  version: z.literal(1),
  accountId: z.uuid(),
  /** The account's role when it was issued: a delivery with no session is checked against it (the store may be locked). */
  role: z.enum(roles),
  /** The computer's Ed25519 public key for this session, raw 32 bytes, base64. */
  // Exactly 32 bytes: 43 characters, the last carrying 4 bits, and one '='.
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, 'An Ed25519 public key is 32 bytes, in base64'),
  issuedAt: z.iso.datetime(),
  /** The session's absolute end: envelopes recorded after it are not this voucher's. */
  notAfter: z.iso.datetime(),
  /** The hub's Ed25519 signature over a context line and the fields above; base64. */
  signature: z.base64(),
});

export const draftSchema = z.object({ id: z.string(), updatedAt: z.string(), form: z.string() });

export const newConcernAlertSchema = z.object({
  newCount: z.number().int(),
  immediateDangerCount: z.number().int(),
  /** The newest recorded time among new concerns, so the page can tell when another has arrived. */
  latestRecordedAt: z.string().nullable(),
});

export const newConcernSummarySchema = z.object({
  id: z.string(),
  recordedAt: z.string(),
  authorName: z.string(),
  pupilNames: z.array(z.string()),
  /** The child in the author's own words; with no pupilNames, the concern still waits to be matched to a pupil. */
  childDescribed: z.string(),
  categories: z.array(z.string()),
  immediateDanger: z.boolean(),
  urgent: z.boolean(),
});

export const editableCategorySchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Use lower-case letters, digits and hyphens for the category’s code'),
  label: z.string().trim().min(1, 'Name the category').max(100, 'Keep the name to 100 characters'),
  guidance: z.string().trim().min(1, 'Say in a sentence when staff should choose it').max(500, 'Keep the guidance to 500 characters'),
  duty: z.enum(['fgm', 'prevent']).nullable(),
  active: z.boolean(),
});

export const categoryListSchema = z
  .array(editableCategorySchema)
  .min(1, 'Keep at least one category')
  .max(60)
  .refine((list) => new Set(list.map((category) => category.id)).size === list.length, 'Two categories have the same code')
  .refine((list) => list.some((category) => category.active), 'Keep at least one category in use');

export const concernCommands = {
  /** The school's category list, including those no longer offered (old concerns still name them). */
  'concerns.categories': command('settings.manage', nothing, categoryListSchema, { audited: false }),
  /** Replaces the list in the order given. A category is never removed, only taken out of use, so old concerns keep their labels. */
  'concerns.updateCategories': command('settings.manage', z.object({ categories: categoryListSchema }), categoryListSchema),
  'concerns.formContext': command('concerns.log', nothing, formContextSchema, { audited: false }),
  /**
   * Always sealed to the hub's intake key and queued; stored at once if the records are open (`stored`: `id` is the
   * concern's), otherwise when a DSL next signs in (`sealed`: `id` is the envelope's). In connect mode, with the hub
   * out of reach, sealed on this computer and kept in its outbox until the hub confirms it (`outbox`: `id` is the
   * envelope's). `message` says which.
   */
  'concerns.submit': command(
    'concerns.log',
    concernInputSchema,
    z.object({ id: z.string(), recordedAt: z.string(), delivery: z.enum(['stored', 'sealed', 'outbox']), message: z.string() }),
  ),
  'concerns.mine': command('concerns.log', nothing, z.array(myConcernSchema)),
  /** For the installed app in connect mode only: its session key, vouched for until the session's absolute end. */
  'intake.voucher': command('concerns.log', z.object({ publicKey: intakeVoucherSchema.shape.publicKey }), intakeVoucherSchema),
  /** The author may open their own (and sees only their own addenda); a DSL may open any (and opening it marks it read). */
  'concerns.get': command('concerns.log', z.object({ concernId: idSchema }), concernViewSchema),
  'concerns.attachment': command(
    'concerns.log',
    z.object({ concernId: idSchema, attachmentId: idSchema }),
    z.object({ name: z.string(), type: z.enum(attachmentTypes), dataBase64: z.string() }),
  ),
  'concerns.addAddendum': command(
    'concerns.log',
    z.object({ concernId: idSchema, text: z.string().trim().min(1, 'Write what you want to add').max(20_000) }),
    z.object({ id: z.string(), writtenAt: z.string() }),
  ),

  'drafts.save': command(
    'concerns.log',
    z.object({ draftId: idSchema.nullable(), form: z.string().max(400_000, 'This draft is too long to save; submit it or shorten it') }),
    z.object({ id: z.string(), updatedAt: z.string() }),
    { audited: false },
  ),
  'drafts.mine': command('concerns.log', nothing, z.array(draftSchema)),
  'drafts.discard': command('concerns.log', z.object({ draftId: idSchema }), done),

  /**
   * A DSL links the pupil a concern described in words (typed while the records were locked) to it, so the concern is
   * in the child's chronology and file; the author's words are kept. Refuses a pupil not on the roster, one already on
   * the concern, and a concern whose author chose its pupils from the list.
   */
  'concerns.matchPupil': command(
    'children.write',
    z.object({ concernId: idSchema, pupilId: idSchema, part: z.enum(pupilParts).default('subject') }),
    z.object({ pupilName: z.string() }),
  ),

  'concerns.alerts': command('children.read', nothing, newConcernAlertSchema, { audited: false }),
  'concerns.listNew': command('children.read', nothing, z.array(newConcernSummarySchema)),
};
