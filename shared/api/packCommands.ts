// Local-authority packs: choosing the school's pack, browsing thresholds, checking contacts, "who to call now",
// and the level suggestion for a child. Pack content is public guidance; the suggestion for a child is not.
import { z } from 'zod';
import type { LevelSuggestion, ResolvedPack, WhoToCallNow } from '../thresholds';
import { command } from './define';
import { idSchema } from './fields';

export const packSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string(),
  publishedOn: z.string(),
  status: z.string(),
  origin: z.enum(['shipped', 'imported']),
  fileName: z.string(),
  areas: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  levelCount: z.number().int(),
  indicatorCount: z.number().int(),
});
export type PackSummary = z.infer<typeof packSummarySchema>;

export const packChoiceSchema = z.object({ packId: z.string().nullable(), areaId: z.string().nullable() });

// Packs and suggestions are produced by the validated pack engine in shared/thresholds; they cross the boundary
// as they are, so their schemas only check the shape's outline.
const resolvedPackSchema = z.custom<ResolvedPack>((value) => typeof value === 'object' && value !== null && 'levels' in value && 'indicators' in value);
const suggestionSchema = z.custom<LevelSuggestion>((value) => typeof value === 'object' && value !== null && 'level' in value && 'disclaimer' in value);
const whoToCallNowSchema = z.custom<WhoToCallNow>((value) => typeof value === 'object' && value !== null && 'callNow' in value);

export const packImportErrorSchema = z.object({ path: z.string(), message: z.string() });

export const packCommands = {
  'packs.list': command('signedIn', z.object({}).strict(), z.object({ packs: z.array(packSummarySchema), chosen: packChoiceSchema }), { audited: false }),
  'packs.get': command('signedIn', z.object({ packId: z.string().min(1).max(200) }), resolvedPackSchema, { audited: false }),
  'packs.choose': command('settings.manage', z.object({ packId: z.string().min(1, 'Choose a pack').max(200), areaId: z.string().max(200).nullable().default(null) }), packChoiceSchema),
  'packs.import': command(
    'settings.manage',
    z.object({ fileName: z.string().trim().min(1).max(255), text: z.string().max(5 * 1024 * 1024, 'A pack file must be 5 MB or smaller') }),
    z.object({ id: z.string() }),
  ),
  'packs.updateContact': command(
    'settings.manage',
    z.object({
      packId: z.string().min(1).max(200),
      contactId: z.string().min(1).max(200),
      phone: z.string().trim().max(60).default(''),
      email: z.union([z.literal(''), z.email({ message: 'Enter an email address like name@example.org' })]).default(''),
      note: z.string().trim().max(500).default(''),
      verified: z.boolean().default(false),
    }),
    z.object({ verifiedOn: z.string().nullable() }),
  ),
  'packs.whoToCallNow': command('signedIn', z.object({ at: z.iso.datetime().optional() }), z.object({ packId: z.string().nullable(), answer: whoToCallNowSchema.nullable() }), { audited: false }),
  'packs.suggest': command(
    'children.read',
    z.object({ pupilId: idSchema, ticked: z.array(z.object({ indicatorId: z.string().max(200), observation: z.string().max(2_000).optional() })).max(500), packId: z.string().max(200).optional() }),
    suggestionSchema,
  ),
};
