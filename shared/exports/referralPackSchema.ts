// The MASH referral pack as data: the JSON a receiving system can take, versioned. A change that would break a
// reader raises the major version; adding an optional field raises the minor. docs/exports/referral-pack.schema.json
// is generated from this file (a test fails when it is out of date).
import { z } from 'zod';

export const REFERRAL_PACK_SCHEMA_VERSION = '1.0.0';
export const REFERRAL_PACK_SCHEMA_ID = 'https://safeguarding-records.local/schemas/referral-pack/1.0.0.json';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar date, yyyy-MM-dd.');
const instant = z.string().describe('A moment in UTC, ISO-8601 (shown in Europe/London time in the PDF).');

export const referralSectionIds = [
  'cover',
  'child',
  'household',
  'reason',
  'currentConcern',
  'chronology',
  'thresholdAssessment',
  'signsOfSafety',
  'wishesAndFeelings',
  'earlyHelp',
  'otherAgencies',
  'consent',
  'attachments',
] as const;
export type ReferralSectionId = (typeof referralSectionIds)[number];

/** Headings in the order a front-door social worker reads them; the PDF prints them in this order. */
export const referralSectionHeadings: Record<ReferralSectionId, string> = {
  cover: 'Referral to children’s social care',
  child: 'The child',
  household: 'Household and significant adults',
  reason: 'Reason for referral and what the school is asking for',
  currentConcern: 'The current concern',
  chronology: 'Relevant chronology',
  thresholdAssessment: 'Threshold assessment',
  signsOfSafety: 'Signs of Safety',
  wishesAndFeelings: 'The child’s wishes and feelings',
  earlyHelp: 'Early help already tried',
  otherAgencies: 'Other agencies involved',
  consent: 'Consent',
  attachments: 'Attachments',
};

/** Sections a referral cannot leave out: who is referring, about whom, and the consent position. */
export const requiredReferralSections: readonly ReferralSectionId[] = ['cover', 'child', 'consent'];

export const bodyMapMarkDocumentSchema = z.object({
  view: z.enum(['front', 'back']),
  x: z.number().min(0).max(1).describe('Across the outline, 0 = left edge of the picture, 1 = right edge.'),
  y: z.number().min(0).max(1).describe('Down the outline, 0 = top of the head, 1 = the feet.'),
  size: z.string(),
  colour: z.string(),
  shape: z.string(),
  childExplanation: z.string(),
});

export const referralPackDocumentSchema = z
  .object({
    $schema: z.literal(REFERRAL_PACK_SCHEMA_ID).optional(),
    kind: z.literal('mash-referral-pack'),
    schemaVersion: z.literal(REFERRAL_PACK_SCHEMA_VERSION),
    exportId: z.string().describe('Unique id of this export (UUID v7).'),
    generatedAt: instant,
    marking: z.string().describe('Protective marking, e.g. OFFICIAL-SENSITIVE.'),
    includedSections: z.array(z.enum(referralSectionIds)).describe('The sections the DSL chose to include, in reading order. A section included but null had nothing recorded.'),
    cover: z.object({
      school: z.object({ name: z.string(), urn: z.string() }),
      referrer: z.object({ name: z.string(), role: z.string(), phone: z.string(), email: z.string() }),
      otherDesignatedLeads: z.array(z.string()).describe('Other DSLs and deputies at the school.'),
      addressedTo: z.object({ packId: z.string().nullable(), packTitle: z.string().nullable(), contactName: z.string(), phone: z.string(), email: z.string() }),
      date: isoDate,
    }),
    child: z.object({
      legalFirstName: z.string(),
      legalLastName: z.string(),
      preferredName: z.string().nullable(),
      dateOfBirth: isoDate,
      upn: z.string().nullable(),
      gender: z.string().nullable(),
      yearGroup: z.string().nullable(),
      address: z.string(),
      postcode: z.string(),
      ethnicity: z.string(),
      firstLanguage: z.string(),
      religion: z.string(),
      senStatus: z.string().nullable(),
      statusFlags: z.array(z.object({ flag: z.string(), label: z.string(), startDate: isoDate, endDate: isoDate.nullable() })),
    }),
    household: z
      .object({
        adults: z.array(z.object({ name: z.string(), relationship: z.string(), phone: z.string(), parentalResponsibility: z.boolean() })),
        siblingsAtSchool: z.array(z.object({ name: z.string(), yearGroup: z.string().nullable() })),
      })
      .nullable(),
    reason: z.object({ reasonForReferral: z.string(), whatTheSchoolIsAskingFor: z.string() }).nullable(),
    currentConcern: z
      .object({
        concernId: z.string(),
        occurredAt: instant,
        recordedAt: instant,
        recordedBy: z.string(),
        location: z.string(),
        categories: z.array(z.string()),
        whatHappened: z.string(),
        childsOwnWords: z.string().describe('Exactly as the child said them.'),
        othersPresent: z.string(),
        actionTaken: z.string(),
        bodyMap: z.array(bodyMapMarkDocumentSchema),
        addenda: z.array(z.object({ writtenAt: instant, by: z.string(), text: z.string() })),
      })
      .nullable(),
    chronology: z.array(z.object({ at: instant, kind: z.string(), title: z.string(), detail: z.string(), by: z.string() })).nullable(),
    thresholdAssessment: z
      .object({
        packId: z.string(),
        assessedAt: instant,
        indicators: z.array(z.object({ id: z.string(), text: z.string(), observation: z.string() })),
        suggestedLevel: z.string().nullable(),
        suggestedBand: z.string().nullable(),
        judgedLevel: z.string(),
        reasons: z.string(),
      })
      .nullable(),
    signsOfSafety: z.object({ worries: z.string(), workingWell: z.string(), needsToHappen: z.string() }).nullable(),
    wishesAndFeelings: z.string().nullable(),
    earlyHelp: z.string().nullable(),
    otherAgencies: z.string().nullable(),
    consent: z.object({ position: z.enum(['given', 'not_sought', 'refused']), label: z.string(), reason: z.string() }),
    attachments: z.array(z.object({ name: z.string(), type: z.string(), sizeBytes: z.number().int() })).nullable(),
  })
  .meta({ title: 'MASH referral pack', description: 'A school’s referral to a local authority front door (MASH), from Safeguarding Records.' });
export type ReferralPackDocument = z.infer<typeof referralPackDocumentSchema>;

/** The JSON Schema published in docs/exports/referral-pack.schema.json. */
export function referralPackJsonSchema(): Record<string, unknown> {
  return { $id: REFERRAL_PACK_SCHEMA_ID, ...z.toJSONSchema(referralPackDocumentSchema, { target: 'draft-2020-12' }) };
}
