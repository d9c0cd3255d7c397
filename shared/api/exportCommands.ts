// MASH referral packs, child-protection file transfers and chronology exports. Every export is built in the
// application from the child's file (the page sends only the DSL's choices), writes the information-sharing log
// and the audit, and leaves the building as an AES-256 encrypted .zip whose passphrase is returned once.
import { z } from 'zod';
import { consentPositions, lawfulBases } from '../casework/vocabulary';
import { referralPackDocumentSchema, referralSectionIds } from '../exports/referralPackSchema';
import { chronologyEntrySchema } from './caseworkCommands';
import { command, done, nothing } from './define';
import { calendarDateSchema, idSchema } from './fields';

const text = (required: string, max = 5_000) => z.string().trim().min(1, required).max(max, `Keep this to ${max.toLocaleString('en-GB')} characters`);
const optionalText = (max = 20_000) => z.string().trim().max(max).default('');

export const consentDecisionSchema = z
  .object({ position: z.enum(consentPositions, { message: 'Choose the consent position' }), reason: optionalText(5_000) })
  .superRefine((value, context) => {
    if (value.position !== 'given' && value.reason === '') {
      context.addIssue({ code: 'custom', path: ['reason'], message: value.position === 'refused' ? 'Say why you are going ahead without consent' : 'Say why consent was not sought' });
    }
  });

/** What the page saves: the file's bytes, a name with no child's name in it, and the passphrase (shown once). */
export const protectedFileSchema = z.object({
  exportId: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  dataBase64: z.string(),
  /** Null only for an unprotected file the DSL chose (e.g. a chronology printed for a meeting in school). */
  passphrase: z.string().nullable(),
  sha256: z.string(),
});
export type ProtectedFile = z.infer<typeof protectedFileSchema>;

export const referralSectionSchema = z.object({
  id: z.enum(referralSectionIds),
  heading: z.string(),
  /** Cover, child and consent cannot be left out. */
  required: z.boolean(),
  /** The DSL may rewrite this section's narrative for the pack (the child's file is not changed). */
  editable: z.boolean(),
});

export const referralNarrativesSchema = z.object({
  reasonForReferral: optionalText(),
  whatTheSchoolIsAskingFor: optionalText(),
  worries: optionalText(),
  workingWell: optionalText(),
  needsToHappen: optionalText(),
  wishesAndFeelings: optionalText(),
  earlyHelp: optionalText(),
  otherAgencies: optionalText(),
});
export type ReferralNarratives = z.output<typeof referralNarrativesSchema>;

export const addressedToSchema = z.object({
  packId: z.string().max(200).nullable().default(null),
  contactName: text('Say which team or person the pack is for', 300),
  phone: optionalText(100),
  email: optionalText(200),
});

export const transferMethods = ['secure_email', 'secure_transfer_system', 'hand_delivered', 'recorded_post'] as const;
export const transferMethodLabels: Record<(typeof transferMethods)[number], string> = {
  secure_email: 'Secure email',
  secure_transfer_system: 'Secure file-transfer system',
  hand_delivered: 'Hand delivered (signed for)',
  recorded_post: 'Recorded or special delivery post',
};

export const transferItemSchema = z.object({ itemId: z.string(), kind: z.string(), at: z.string(), title: z.string(), detail: z.string() });

export const transferRegisterRowSchema = z.object({
  id: z.string(),
  pupilId: z.string(),
  pupilName: z.string(),
  sentAt: z.string(),
  method: z.enum(transferMethods),
  toSchool: z.string(),
  toSchoolUrn: z.string(),
  toDsl: z.string(),
  passphraseSentSeparately: z.boolean().nullable(),
  acknowledgementDue: z.string(),
  acknowledgedOn: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** Flagged after 5 school days without an acknowledgement: chase the receiving school. */
  clock: z.enum(['awaiting_acknowledgement', 'acknowledgement_overdue', 'acknowledged']),
  schoolDaysOverdue: z.number().int(),
  /** The last day this school keeps its copy of the file, by the retention setting (yyyy-MM-dd). */
  retainUntil: z.string(),
  /** Past that day: the DSL reviews the copy under the school's records policy (the app deletes nothing). */
  retentionReviewDue: z.boolean(),
});
export type TransferRegisterRow = z.infer<typeof transferRegisterRowSchema>;

export const receivedFileSchema = z.object({
  id: z.string(),
  kind: z.enum(['electronic', 'paper']),
  fromSchool: z.string(),
  fromSchoolUrn: z.string(),
  fromDsl: z.string(),
  sentAt: z.string().nullable(),
  receivedAt: z.string(),
  items: z.array(transferItemSchema),
  excluded: z.array(z.object({ title: z.string(), reason: z.string() })),
  notes: z.string(),
  hasPdf: z.boolean(),
});

const sharingFields = {
  recipient: text('Say who will receive this', 500),
  purpose: text('Say why it is being shared', 2_000),
  lawfulBasis: z.enum(lawfulBases).default('safeguarding_children'),
  consent: consentDecisionSchema,
};

export const exportCommands = {
  /** The pack as it would go, with the file's own words as each narrative's starting point. Changes nothing. */
  'exports.referralPreview': command(
    'children.read',
    z.object({ pupilId: idSchema, concernId: idSchema.nullable().default(null) }),
    z.object({
      document: referralPackDocumentSchema,
      sections: z.array(referralSectionSchema),
      chronologyEntries: z.array(chronologyEntrySchema),
      /** The consent position the DSL last recorded when sharing, carried into the form; null when none was. */
      recordedConsent: z.object({ position: z.enum(consentPositions), reason: z.string() }).nullable(),
    }),
  ),
  'exports.referralExport': command(
    'children.write',
    z.object({
      pupilId: idSchema,
      concernId: idSchema.nullable().default(null),
      /** The sections to include; cover, child and consent are always included. */
      sections: z.array(z.enum(referralSectionIds)).max(referralSectionIds.length),
      narratives: referralNarrativesSchema.partial().default({}),
      /** The chronology entries to include (ids from the preview); omit for all of them. */
      chronologyEntryIds: z.array(z.string().max(200)).max(5_000).optional(),
      addressedTo: addressedToSchema,
      referrer: z.object({ role: optionalText(200), phone: optionalText(100), email: optionalText(200) }).default({ role: '', phone: '', email: '' }),
      purpose: text('Say why the pack is being sent', 2_000).default('Referral to children’s social care about a child’s safety and welfare'),
      lawfulBasis: z.enum(lawfulBases).default('safeguarding_children'),
      consent: consentDecisionSchema,
    }),
    protectedFileSchema.extend({ pageCount: z.number().int() }),
  ),

  'exports.chronology': command(
    'children.write',
    z.object({
      pupilId: idSchema,
      format: z.enum(['pdf', 'csv']),
      /** Staff names become roles and other children's names are redacted: for external meetings. */
      anonymised: z.boolean().default(false),
      significantOnly: z.boolean().default(false),
      /** Wrap in an encrypted archive (the default); off only for printing inside school. */
      protect: z.boolean().default(true),
      ...sharingFields,
    }),
    protectedFileSchema,
  ),

  /** Everything held about the child, item by item, for the DSL to mark disclose or withhold. */
  'exports.subjectAccessItems': command('children.read', z.object({ pupilId: idSchema }), z.array(transferItemSchema)),
  'exports.subjectAccessExport': command(
    'children.write',
    z.object({
      pupilId: idSchema,
      requester: text('Say who asked for the information (e.g. the child’s mother, Jane Smith)', 300),
      receivedOn: calendarDateSchema('Enter the date the request was received'),
      reviews: z
        .array(
          z
            .object({ itemId: z.string().max(200), decision: z.enum(['disclose', 'withhold']), reason: optionalText(2_000) })
            .refine((review) => review.decision === 'disclose' || review.reason !== '', { path: ['reason'], message: 'Say why this item is withheld' }),
        )
        .max(10_000),
    }),
    protectedFileSchema.extend({ disclosed: z.number().int(), withheld: z.number().int() }),
  ),

  'transfers.preview': command('children.read', z.object({ pupilId: idSchema }), z.object({ items: z.array(transferItemSchema) })),
  'transfers.export': command(
    'children.write',
    z.object({
      pupilId: idSchema,
      to: z.object({ schoolName: text('Enter the new school’s name', 200), schoolUrn: optionalText(20), dslName: text('Enter the new school’s DSL', 200), dslContact: optionalText(300) }),
      method: z.enum(transferMethods, { message: 'Choose how the file will be sent' }),
      /** Items left out of the transfer, each with the reason; everything else goes. */
      exclusions: z.array(z.object({ itemId: z.string().max(200), reason: text('Say why this item is not being sent', 2_000) })).max(5_000).default([]),
    }),
    protectedFileSchema.extend({ transferId: z.string(), acknowledgementDue: z.string(), itemCount: z.number().int(), excludedCount: z.number().int() }),
  ),
  'transfers.markPassphraseSent': command('children.write', z.object({ transferId: idSchema, sentSeparately: z.boolean() }), done),
  'transfers.acknowledge': command(
    'children.write',
    z.object({ transferId: idSchema, acknowledgedOn: calendarDateSchema('Enter the date the receipt came back'), acknowledgedBy: text('Say who signed the receipt', 200) }),
    done,
  ),
  'transfers.register': command('children.read', nothing, z.array(transferRegisterRowSchema)),
  'transfers.import': command(
    'children.write',
    z.object({
      archiveBase64: z.string().max(70_000_000, 'This archive is too large').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The archive could not be read; choose the file again'),
      passphrase: text('Enter the passphrase the sending school gave you', 200),
      /** Attach to a pupil already on the roster; otherwise a new child's file is made (or matched by UPN). */
      pupilId: idSchema.nullable().default(null),
    }),
    z.object({ receivedId: z.string(), pupilId: z.string(), createdPupil: z.boolean(), fromSchool: z.string(), sentAt: z.string(), itemCount: z.number().int() }),
  ),
  'transfers.recordPaperFile': command(
    'children.write',
    z.object({ pupilId: idSchema, fromSchool: text('Enter the school the file came from', 200), fromDsl: optionalText(200), receivedOn: calendarDateSchema('Enter the date it arrived'), notes: optionalText(5_000) }),
    z.object({ receivedId: z.string() }),
  ),
  'transfers.received': command('children.read', z.object({ pupilId: idSchema }), z.array(receivedFileSchema)),
  'transfers.receivedPdf': command('children.read', z.object({ receivedId: idSchema }), z.object({ fileName: z.string(), dataBase64: z.string() })),
};
