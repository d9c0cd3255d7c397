// The child-protection file transfer as data: what the receiving school's copy of this product imports.
// Versioned like the referral pack; docs/exports/transfer-pack.schema.json is generated from it.
import { z } from 'zod';
import { calendarDateSchema } from '../api/fields';
import { bodyMapMarkDocumentSchema } from './referralPackSchema';

export const TRANSFER_PACK_SCHEMA_VERSION = '1.0.0';
export const TRANSFER_PACK_SCHEMA_ID = 'https://safeguarding-records.local/schemas/transfer-pack/1.0.0.json';

export const transferPackItemSchema = z.object({
  itemId: z.string(),
  kind: z.string(),
  at: z.string(),
  title: z.string(),
  detail: z.string(),
  by: z.string(),
  concern: z
    .object({
      location: z.string(),
      whatHappened: z.string(),
      childsOwnWords: z.string(),
      othersPresent: z.string(),
      actionTaken: z.string(),
      categories: z.array(z.string()),
      bodyMap: z.array(bodyMapMarkDocumentSchema),
      addenda: z.array(z.object({ writtenAt: z.string(), by: z.string(), text: z.string() })),
    })
    .nullable(),
});

export const transferPackDocumentSchema = z
  .object({
    $schema: z.literal(TRANSFER_PACK_SCHEMA_ID).optional(),
    kind: z.literal('cp-file-transfer'),
    schemaVersion: z.literal(TRANSFER_PACK_SCHEMA_VERSION),
    transferId: z.string(),
    sentAt: z.string(),
    marking: z.string(),
    method: z.string(),
    from: z.object({ schoolName: z.string(), schoolUrn: z.string(), dslName: z.string() }),
    to: z.object({ schoolName: z.string(), schoolUrn: z.string(), dslName: z.string(), dslContact: z.string() }),
    child: z.object({
      upn: z.string().nullable(),
      legalFirstName: z.string(),
      legalLastName: z.string(),
      preferredName: z.string().nullable(),
      dateOfBirth: calendarDateSchema('The file gives no date of birth'),
      gender: z.string().nullable(),
      yearGroup: z.string().nullable(),
      senStatus: z.string().nullable(),
      address: z.string(),
      postcode: z.string(),
      ethnicity: z.string(),
      firstLanguage: z.string(),
      religion: z.string(),
      contacts: z.array(z.object({ name: z.string(), relationship: z.string(), phone: z.string(), parentalResponsibility: z.boolean() })),
      statusFlags: z.array(z.object({ label: z.string(), startDate: z.string(), endDate: z.string().nullable() })),
    }),
    items: z.array(transferPackItemSchema),
    exclusions: z.array(z.object({ itemId: z.string(), kind: z.string(), at: z.string(), title: z.string(), reason: z.string() })),
  })
  .meta({ title: 'Child-protection file transfer', description: 'A child protection file sent from one school to the next, from Safeguarding Records.' });
export type TransferPackDocument = z.infer<typeof transferPackDocumentSchema>;
export type TransferPackItem = z.infer<typeof transferPackItemSchema>;

/** Lists each file in the archive with its SHA-256, so a changed or missing file is noticed on import. */
export const transferManifestSchema = z.object({
  kind: z.literal('cp-file-transfer-manifest'),
  transferId: z.string(),
  files: z.array(z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() })),
});

export function transferPackJsonSchema(): Record<string, unknown> {
  return { $id: TRANSFER_PACK_SCHEMA_ID, ...z.toJSONSchema(transferPackDocumentSchema, { target: 'draft-2020-12' }) };
}
