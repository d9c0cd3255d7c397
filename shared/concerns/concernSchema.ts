// What a member of staff submits. The same schema checks the form in the page and the command in dispatch, so a
// rule is written once. Messages speak to the person filling in the form.
import { z } from 'zod';
import { calendarDateSchema, timeOfDaySchema } from '../api/fields';

export const pupilParts = ['subject', 'involved', 'witness'] as const;
export type PupilPart = (typeof pupilParts)[number];
export const pupilPartLabels: Record<PupilPart, string> = {
  subject: 'The concern is about this child',
  involved: 'Named or involved (the DSL will decide their part)',
  witness: 'Saw or heard what happened',
};

export const bodyMapViews = ['front', 'back'] as const;

/** One mark on the body-map outline: where (as a fraction of the outline's width and height) and what it looks like. */
export const bodyMapMarkSchema = z.object({
  view: z.enum(bodyMapViews),
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  size: z.string().trim().max(200).default(''),
  colour: z.string().trim().max(200).default(''),
  shape: z.string().trim().max(200).default(''),
  childExplanation: z.string().trim().max(2000).default(''),
});
export type BodyMapMark = z.infer<typeof bodyMapMarkSchema>;

export const attachmentTypes = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

/** Base64 length for a byte count, so the limit can be checked before decoding. */
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

export const attachmentSchema = z.object({
  name: z.string().trim().min(1, 'The file has no name').max(200, 'Shorten the file name to 200 characters'),
  type: z.enum(attachmentTypes, { message: 'Attach a PDF or a photo (JPEG, PNG or WebP) — e.g. a scan of a handwritten note' }),
  dataBase64: z
    .string()
    .max(base64Length(MAX_ATTACHMENT_BYTES), `Each file must be ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB or smaller`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file could not be read; attach it again'),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** Where the concern form sends someone who has neither chosen a child nor typed who the child is. */
export const NO_CHILD_NAMED = 'Choose a pupil, or type the child’s name and class';

const isoDate = calendarDateSchema('Enter the date it happened, for example 22/11/2026');
const time24 = timeOfDaySchema('Enter the time it happened, for example 14:30');

export const concernInputSchema = z
  .object({
    pupils: z
      .array(z.object({ pupilId: z.uuid({ message: 'Choose a pupil from the list' }), part: z.enum(pupilParts) }))
      .max(30, 'A concern can name at most 30 pupils')
      .refine((pupils) => new Set(pupils.map((pupil) => pupil.pupilId)).size === pupils.length, 'Each pupil can be added once'),
    /**
     * The child in the person's own words ("Amy in 5B"), for when they cannot choose from the roster: while the records
     * are locked the roster cannot be searched (decision 0023). A DSL matches it to a pupil; the words are kept.
     */
    childDescribed: z.string().trim().max(500, 'Keep the child’s name and class to 500 characters').default(''),
    occurredDate: isoDate,
    occurredTime: time24,
    location: z.string().trim().max(200, 'Keep the place to 200 characters').default(''),
    othersPresent: z.string().trim().max(2000, 'Keep who else was there to 2,000 characters').default(''),
    whatHappened: z.string().trim().min(1, 'Describe what you saw or heard, in your own words').max(20_000, 'Keep this to 20,000 characters; add more as an addendum'),
    childWords: z.string().max(10_000, 'Keep the child’s words to 10,000 characters').default(''),
    categories: z.array(z.string().min(1)).max(20).default([]),
    bodyMap: z.array(bodyMapMarkSchema).max(50).default([]),
    actionTaken: z.string().trim().max(5_000).default(''),
    urgent: z.boolean().default(false),
    spokenToDslInPerson: z.enum(['yes', 'no']).nullable().default(null),
    immediateDanger: z.boolean().default(false),
    fgmPoliceReference: z.string().trim().max(100).default(''),
    attachments: z.array(attachmentSchema).max(MAX_ATTACHMENTS, `Attach at most ${MAX_ATTACHMENTS} files`).default([]),
    /** The draft this submission finishes, so the draft can be removed in the same transaction. */
    draftId: z.uuid().nullable().default(null),
    /**
     * Chosen by the page (or the connect-mode computer) once per concern and sent with every try: the envelope's id.
     * A try whose answer was lost and is sent again, or sealed into an outbox, is stored once (decision 0024).
     */
    submissionId: z.uuid({ version: 'v7', message: 'This submission’s id is not one the app makes: reload the page (your words are kept in your draft).' }).optional(),
  })
  .superRefine((concern, context) => {
    // Either from the roster or in their own words: a concern must say which child, or the DSL cannot act on it.
    if (concern.pupils.length === 0 && concern.childDescribed === '') {
      context.addIssue({ code: 'custom', path: ['pupils'], message: NO_CHILD_NAMED });
    }
    if ((concern.urgent || concern.immediateDanger) && concern.spokenToDslInPerson === null) {
      context.addIssue({ code: 'custom', path: ['spokenToDslInPerson'], message: 'Say whether you have spoken to a DSL in person' });
    }
  });
export type ConcernInput = z.input<typeof concernInputSchema>;
export type ParsedConcern = z.output<typeof concernInputSchema>;
