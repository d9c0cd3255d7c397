// Pupils and the roster: finding a child to log a concern about, importing the MIS export, correcting by hand.
import { z } from 'zod';
import { upnCheckLetterMatches } from '../school/upn';
import { command } from './define';
import { calendarDateSchema, idSchema, versionSchema } from './fields';

export const pupilSummarySchema = z.object({
  id: z.string(),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredName: z.string().nullable(),
  yearGroup: z.string().nullable(),
  registrationGroup: z.string().nullable(),
  householdId: z.string().nullable(),
  leftOn: z.string().nullable(),
});
export type PupilSummary = z.infer<typeof pupilSummarySchema>;

/**
 * What anyone logging a concern gets back when they look for a child: enough to pick the right one (name, year and
 * class), nothing more — not the household that links brothers and sisters, not the date they left.
 */
export const pupilPickSchema = pupilSummarySchema.pick({ id: true, legalFirstName: true, legalLastName: true, preferredName: true, yearGroup: true, registrationGroup: true });
export type PupilPick = z.infer<typeof pupilPickSchema>;

const searchQuerySchema = z.string().trim().min(1, 'Type part of a name, a UPN or a class').max(100);

export const pupilContactSchema = z.object({
  name: z.string().trim().min(1, 'Enter the contact’s name').max(200),
  relationship: z.string().trim().max(100).default(''),
  phone: z.string().trim().max(50).default(''),
  parentalResponsibility: z.boolean().default(false),
});

export const pupilDetailsSchema = z.object({
  upn: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]\d{11}[0-9A-Z]$/, { message: 'Enter the UPN: a letter, 11 digits and a final digit or letter (13 characters)', abort: true })
    // A mistyped UPN would match the wrong child on the next import or transfer; the DfE's check letter catches most slips.
    .refine(upnCheckLetterMatches, 'This UPN’s check letter (the first letter) does not match its digits: copy it again from the MIS')
    .nullable()
    .default(null),
  legalFirstName: z.string().trim().min(1, 'Enter the pupil’s legal first name').max(100),
  legalLastName: z.string().trim().min(1, 'Enter the pupil’s legal last name').max(100),
  preferredName: z.string().trim().max(100).nullable().default(null),
  dateOfBirth: calendarDateSchema('Enter the date of birth, for example 04/03/2016'),
  yearGroup: z.string().trim().max(20).nullable().default(null),
  registrationGroup: z.string().trim().max(30).nullable().default(null),
  gender: z.string().trim().max(30).nullable().default(null),
  senStatus: z.string().trim().max(60).nullable().default(null),
  address: z.string().trim().max(500).default(''),
  postcode: z.string().trim().toUpperCase().max(10).default(''),
  ethnicity: z.string().trim().max(100).default(''),
  firstLanguage: z.string().trim().max(100).default(''),
  religion: z.string().trim().max(100).default(''),
  contacts: z.array(pupilContactSchema).max(20).default([]),
});
export type PupilDetails = z.output<typeof pupilDetailsSchema>;

/** The roster fields a CSV column can map to. */
export const rosterFields = [
  'upn',
  'legalFirstName',
  'legalLastName',
  'preferredName',
  'dateOfBirth',
  'yearGroup',
  'registrationGroup',
  'gender',
  'senStatus',
  'address',
  'postcode',
  'householdKey',
  'contactName',
  'contactRelationship',
  'contactPhone',
  'ethnicity',
  'firstLanguage',
  'religion',
] as const;
export type RosterField = (typeof rosterFields)[number];
export const requiredRosterFields: readonly RosterField[] = ['upn', 'legalFirstName', 'legalLastName', 'dateOfBirth'];

/** column header → roster field (or null to ignore the column). */
export const rosterMappingSchema = z.record(z.string(), z.enum(rosterFields).nullable());

export const rosterFileSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64: the core decodes them, so wrong encodings are found and reported by line. */
  dataBase64: z.string().max(Math.ceil((20 * 1024 * 1024) / 3) * 4, 'The roster file must be 20 MB or smaller'),
});

/** A refused row: its line, who it is as far as the row says (name and UPN), and why. */
export const rosterRejectionSchema = z.object({ line: z.number().int(), pupil: z.string(), reason: z.string() });

/**
 * Whether an import that marks `markedLeft` of the `onRoll` pupils as left needs the person to confirm the number:
 * more than 5, or more than a tenth of the roll. A wrong or partial file would otherwise mark the school as gone.
 */
export function leaversNeedConfirmation(markedLeft: number, onRoll: number): boolean {
  return markedLeft > 5 || markedLeft > onRoll / 10;
}
export type RosterRejection = z.infer<typeof rosterRejectionSchema>;

export const rosterPreviewSchema = z.object({
  headers: z.array(z.string()),
  suggestedMapping: rosterMappingSchema,
  sample: z.array(z.record(z.string(), z.string())),
  rowCount: z.number().int(),
  acceptedCount: z.number().int(),
  rejected: z.array(rosterRejectionSchema),
  missingRequired: z.array(z.enum(rosterFields)),
  /** Pupils on roll now and missing from this file: the import marks them as left. */
  markedLeftCount: z.number().int(),
  onRollCount: z.number().int(),
  /** The import will ask for markedLeftCount back as confirmMarkedLeft. */
  needsLeaverConfirmation: z.boolean(),
});
export type RosterPreview = z.infer<typeof rosterPreviewSchema>;

export const rosterImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  markedLeft: z.number().int(),
  rejected: z.array(rosterRejectionSchema),
});
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;

export const pupilCommands = {
  /** The concern form's search, for everyone: pupils on roll, as little as picking one needs. */
  'pupils.pick': command(
    'concerns.log',
    z.object({ query: searchQuerySchema, limit: z.number().int().min(1).max(50).default(12) }),
    z.array(pupilPickSchema),
    { audited: false },
  ),
  /** The roster's search, for those who keep the roster or children's files: leavers and households too. */
  'pupils.search': command(
    'roster.manage',
    z.object({ query: searchQuerySchema, includeLeavers: z.boolean().default(false), limit: z.number().int().min(1).max(50).default(12) }),
    z.array(pupilSummarySchema),
    { audited: false },
  ),
  /** Brothers and sisters on the roster: who shares a household is for the DSL (mayAddSiblings). */
  'pupils.siblings': command('children.read', z.object({ pupilId: idSchema }), z.array(pupilSummarySchema)),
  /** Everything held for a pupil, so a correction starts from what is stored instead of a blank form. */
  'pupils.get': command(
    'roster.manage',
    z.object({ pupilId: idSchema }),
    // The date of birth as stored, even one stored before dates were checked: the form shows it for correction.
    z.object({ summary: pupilSummarySchema, details: pupilDetailsSchema.extend({ dateOfBirth: z.string() }), version: z.number().int() }),
  ),
  'pupils.create': command('roster.manage', pupilDetailsSchema, pupilSummarySchema),
  'pupils.update': command('roster.manage', z.object({ pupilId: idSchema, version: versionSchema, details: pupilDetailsSchema }), pupilSummarySchema),
  'roster.preview': command('roster.manage', z.object({ file: rosterFileSchema, mapping: rosterMappingSchema.optional() }), rosterPreviewSchema),
  'roster.import': command(
    'roster.manage',
    z.object({
      file: rosterFileSchema,
      mapping: rosterMappingSchema,
      /** Pupils on the roster but missing from this file are marked as left on this date; nobody is ever deleted. */
      leftOn: calendarDateSchema('Enter the date pupils missing from this file left, for example 22/07/2026'),
      /** The number of pupils to be marked as left, as the preview showed it: required when there are many. */
      confirmMarkedLeft: z.number().int().min(0).optional(),
    }),
    rosterImportResultSchema,
  ),
};
