// The threshold-pack format: one local authority's (or partnership's) published levels of need, indicators,
// pathways, escalation and contacts, transcribed into data. One format holds all five seed frameworks without
// special cases (see ../../../shared/research/seeds-compare.md); the JSON Schema in docs/packs/ is generated
// from this file, so the descriptions here are what pack authors read.
import { z } from 'zod';

/** The shared scale every local level maps onto, lowest first, so levels can be compared across councils. */
export const bands = ['universal', 'emerging', 'early_help', 'child_in_need_s17', 'child_protection_s47'] as const;
export type Band = (typeof bands)[number];

export const indicatorKinds = ['strength', 'protective_factor', 'need', 'risk', 'red_flag', 'status'] as const;
export type IndicatorKind = (typeof indicatorKinds)[number];

export const contactRoles = ['early_help_coordinator', 'mash_front_door', 'out_of_hours', 'lado', 'police', 'other'] as const;
export type ContactRole = (typeof contactRoles)[number];

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Every pack says this: the seeds are years old, and even a new pack goes stale when a council changes its guidance. */
export const historicalStatus = 'historical — verify before use' as const;

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lower-case letters, digits, dots, hyphens and underscores, starting with a letter or digit')
  .max(120)
  .describe('An identifier, unique within its list; other parts of the pack refer to it. Never reuse one for a different meaning.');

const text = z.string().trim().min(1);
const lineNumber = z.number().int().min(1);

export const sourceSchema = z
  .strictObject({
    seed: text.describe('The file name of the plain-text copy of the published document, e.g. "000_cb408de0c3955802.txt".'),
    lines: z.tuple([lineNumber, lineNumber]).describe('First and last line (1-based, inclusive) in that file.'),
  })
  .refine((source) => source.lines[0] <= source.lines[1], { message: 'The first line must not come after the last', path: ['lines'] })
  .meta({ id: 'Source', description: 'Where in the published document this item comes from, so a reader can check the transcription.' });
export type Source = z.infer<typeof sourceSchema>;

/** Advice the product adds that the council's document does not give (e.g. "call 999"): never passed off as the council's. */
export const productSource = 'product' as const;
const sourceOrProductSchema = z
  .union([sourceSchema, z.literal(productSource)])
  .describe('Where in the document this comes from, or "product" for advice Safeguarding Records adds that the document does not give.');
export type SourceOrProduct = z.infer<typeof sourceOrProductSchema>;

const doubt = text.describe(
  'Why this transcription may be wrong (e.g. the PDF table was jumbled and the item\'s column is inferred). Shown beside the item.',
);

export const durationUnits = ['hours', 'days', 'working_days', 'school_days', 'weeks', 'months'] as const;
export const durationSchema = z
  .strictObject({
    amount: z.number().int().min(1),
    upTo: z.number().int().min(1).optional().describe('For a range such as "6–12 weeks": the larger number (12).'),
    unit: z.enum(durationUnits),
  })
  .refine((duration) => duration.upTo === undefined || duration.upTo > duration.amount, {
    message: 'upTo must be larger than amount',
    path: ['upTo'],
  }).meta({ id: 'Duration' });
export type Duration = z.infer<typeof durationSchema>;

export const timescaleSchema = z
  .discriminatedUnion('when', [
    z.strictObject({ when: z.literal('immediately') }),
    z.strictObject({ when: z.literal('without_delay') }),
    z.strictObject({ when: z.literal('as_soon_as_practicable') }),
    z.strictObject({ when: z.literal('within'), duration: durationSchema }),
    z.strictObject({ when: z.literal('every'), duration: durationSchema }),
  ])
  .meta({ id: 'Timescale', description: 'How soon something must happen: "immediately", "without delay", within a time, or every so often.' });
export type Timescale = z.infer<typeof timescaleSchema>;

export const consentRules = [
  'required',
  'seek_unless_unsafe',
  'inform_family',
  'inform_unless_unsafe',
  'not_required',
  'not_stated',
] as const;
export const consentSchema = z
  .strictObject({
    rule: z
      .enum(consentRules)
      .describe(
        'required: get consent first. seek_unless_unsafe: seek it unless that would put the child at risk or lose evidence. ' +
          'inform_family: tell the family, consent not needed. inform_unless_unsafe: tell them unless that puts the child at risk. ' +
          'not_required / not_stated.',
      ),
    note: text.optional(),
    source: sourceSchema.optional(),
  })
  .meta({ id: 'Consent', description: 'What the local guidance says about consent on this route.' });
export type Consent = z.infer<typeof consentSchema>;

const ageBoundSchema = z.strictObject({
  value: z.number().int().min(0),
  unit: z.enum(['years', 'months']).describe('Months for babies ("under 6 months"), years otherwise.'),
});
export type AgeBound = z.infer<typeof ageBoundSchema>;

export const ageLimitsSchema = z
  .strictObject({
    atLeast: ageBoundSchema.optional().describe('The child must be at least this old (completed years or months), e.g. "16+" is 16 years.'),
    under: ageBoundSchema.optional().describe('The child must be younger than this, e.g. "under 13" is 13 years; "13–16" is at least 13, under 17.'),
  })
  .refine((limits) => limits.atLeast !== undefined || limits.under !== undefined, { message: 'Give atLeast, under or both' })
  .meta({ id: 'AgeLimits', description: 'The indicator only applies to children of these ages on the date of the assessment.' });
export type AgeLimits = z.infer<typeof ageLimitsSchema>;

export const subLevelSchema = z.strictObject({
  id,
  code: text.describe('The local short code, e.g. "2a".'),
  label: text,
  summary: text.optional(),
  source: sourceSchema,
}).meta({ id: 'SubLevel' });

export const levelSchema = z
  .strictObject({
    id,
    code: text.describe('What the local document calls it for short: "1", "2", "Tier 2", "Early Help/CAF".'),
    label: text.describe('The local name, e.g. "Vulnerable", "Targeted Support".'),
    ordinal: z.number().int().min(0).describe('Sort order, lowest need first. Unique within the pack.'),
    bands: z
      .array(z.enum(bands))
      .min(1)
      .describe('The shared band(s) this level sits in, lowest first. A level may span two (e.g. child in need and child protection).'),
    aliases: z.array(text).optional().describe('Other names the document uses for this level, e.g. "Stage 4", "Low to Vulnerable".'),
    statutoryBasis: z.array(z.enum(['s17', 's20', 's31', 's47'])).optional().describe('Children Act 1989 sections that apply at this level.'),
    summary: text.describe('The document\'s definition of the level, in plain words.'),
    subLevels: z.array(subLevelSchema).optional().describe('Descriptive sub-levels such as 2a and 2b; indicators belong to the level itself.'),
    reviewInterval: durationSchema.optional().describe('How often the local guidance says progress at this level should be reviewed.'),
    recommendedPathwayId: id.optional().describe('The pathway the guidance expects at this level.'),
    source: sourceSchema,
  })
  .meta({ id: 'Level', description: 'A local level of need.' });
export type Level = z.infer<typeof levelSchema>;

export const domainSchema = z
  .strictObject({
    id,
    label: text,
    parentId: id.optional().describe('The enclosing domain, e.g. a side of the Assessment Framework triangle.'),
    assessmentFrameworkRefs: z
      .array(text)
      .optional()
      .describe('The Assessment Framework (2000) dimensions this domain covers, e.g. "child.health", so packs can be compared.'),
    source: sourceSchema.optional(),
  })
  .meta({ id: 'Domain', description: 'A heading indicators are grouped under. Domains form a tree through parentId.' });
export type Domain = z.infer<typeof domainSchema>;

export const indicatorSchema = z
  .strictObject({
    id,
    levelId: id.describe('The level this indicator is printed under.'),
    domainId: id.optional().describe('Omit for lists the document does not group by domain (e.g. a list of red flags).'),
    text: text.describe('Short and close to the document\'s wording; sentences in your own words.'),
    kind: z
      .enum(indicatorKinds)
      .describe(
        'strength and protective_factor do not raise a level; need and risk do; red_flag means act now, whatever else is ticked; ' +
          'status is a fact about the child (e.g. privately fostered).',
      ),
    ageLimits: ageLimitsSchema.optional(),
    tags: z.array(text).optional().describe('Issue tags for search and reports, e.g. "cse", "domestic_abuse", "missing".'),
    doubt: doubt.optional(),
    source: sourceSchema,
  })
  .meta({ id: 'Indicator', description: 'An example indicator from the document\'s tables.' });
export type Indicator = z.infer<typeof indicatorSchema>;

export const areaSchema = z
  .strictObject({
    id,
    name: text,
    kind: z.enum(['council', 'district', 'locality']),
    parentId: id.optional().describe('The council a district or locality belongs to.'),
  })
  .meta({ id: 'Area', description: 'A council, district or locality the pack covers; contacts can be limited to one.' });
export type Area = z.infer<typeof areaSchema>;

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:mm, e.g. 09:00');

export const openingSessionSchema = z
  .strictObject({
    days: z.array(z.enum(weekdays)).min(1),
    opens: timeOfDay.describe('Local time in England (Europe/London), 24-hour.'),
    closes: timeOfDay.describe('Local time in England (Europe/London), 24-hour; the line is closed from this minute.'),
  })
  .refine((session) => session.opens < session.closes, { message: 'A session must close after it opens (same day)', path: ['closes'] })
  .meta({ id: 'OpeningSession' });
export type OpeningSession = z.infer<typeof openingSessionSchema>;

export const availabilitySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('always').describe('24 hours a day, every day (e.g. 999).') }),
    z.strictObject({
      kind: z.literal('weekly'),
      sessions: z.array(openingSessionSchema).min(1),
      closedOnBankHolidays: z.boolean().describe('True if the line is closed on England and Wales bank holidays.'),
    }),
    z.strictObject({
      kind: z.literal('outside_hours_of'),
      contactId: id.describe('The office whose closed hours this line covers (an out-of-hours or emergency duty service).'),
    }),
    z.strictObject({ kind: z.literal('unknown').describe('The document gives no hours.') }),
  ])
  .meta({ id: 'Availability', description: 'When the contact can be reached.' });
export type Availability = z.infer<typeof availabilitySchema>;

export const contactSchema = z
  .strictObject({
    id,
    name: text,
    role: z.enum(contactRoles),
    description: text.optional().describe('What to contact them for.'),
    phone: text.optional(),
    email: text.optional(),
    address: text.optional(),
    url: text.optional(),
    areaIds: z.array(id).optional().describe('Only for these councils/districts; omit when the contact serves the whole pack.'),
    availability: availabilitySchema,
    emergencyOnly: z.boolean().optional(),
    outOfHoursContactId: id.optional().describe('Whom to call instead when this contact is closed.'),
    note: text.optional(),
    verifiedOn: z.union([z.null(), z.iso.date()]).describe('yyyy-MM-dd when a school last checked these details; null until then.'),
    source: sourceOrProductSchema.optional(),
  })
  .meta({ id: 'Contact', description: 'A team or line to contact.' });
export type Contact = z.infer<typeof contactSchema>;

export const pathwayStepSchema = z.strictObject({
  order: z.number().int().min(1),
  phase: z.enum(['action', 'follow_up']).optional().describe('"action" is what to do now; "follow_up" is what comes after.'),
  action: text,
  who: text.optional().describe('Who does it or decides, e.g. "DSL", "MASH duty manager".'),
  timescale: timescaleSchema.optional(),
  consent: consentSchema.optional(),
  contactIds: z.array(id).optional(),
  contactRoles: z
    .array(z.enum(contactRoles))
    .optional()
    .describe('Contacts by role, so a multi-council pack picks the chosen council\'s own front door.'),
  source: sourceOrProductSchema,
}).meta({ id: 'PathwayStep' });
export type PathwayStep = z.infer<typeof pathwayStepSchema>;

export const pathwayPurposes = [
  'immediate_action',
  'universal_support',
  'early_help',
  'statutory_referral',
  'step_up',
  'step_down',
  'open_case',
  'other',
] as const;

export const pathwaySchema = z
  .strictObject({
    id,
    title: text,
    purpose: z.enum(pathwayPurposes),
    servesLevelIds: z.array(id).describe('The levels this route is for; may be empty for routes such as step-down.'),
    consent: consentSchema.optional(),
    steps: z.array(pathwayStepSchema).min(1),
    source: sourceSchema,
  })
  .meta({ id: 'Pathway', description: 'A route the local guidance expects: ordered steps with timescales, consent rules and contacts.' });
export type Pathway = z.infer<typeof pathwaySchema>;

export const accumulationRuleSchema = z.strictObject({
  id,
  kind: z.literal('accumulation'),
  description: text.describe('The rule in the document\'s terms, e.g. "A third unmet need triggers an assessment".'),
  countKinds: z.array(z.enum(indicatorKinds)).min(1).describe('Which kinds of ticked indicator are counted.'),
  countDistinct: z.enum(['indicators', 'domains']).describe('Count ticked indicators, or the different domains they fall in.'),
  atLevelIds: z.array(id).optional().describe('Only count indicators at these levels; omit to count any level.'),
  atLeast: z.number().int().min(1),
  raiseToLevelId: id.describe('When the count is reached, suggest at least this level.'),
  pathwayId: id.optional().describe('The route the rule points to, if any.'),
  areaIds: z.array(id).optional().describe('Only for these councils/districts (e.g. one council\'s rule in a partnership pack); omit when the rule applies everywhere.'),
  source: sourceSchema,
});

export const procedureRuleSchema = z.strictObject({
  id,
  kind: z.literal('procedure'),
  when: text.describe('The situation, in words, e.g. "A new concern arises on a case already open to early help".'),
  then: text,
  timescale: timescaleSchema.optional(),
  pathwayId: id.optional(),
  source: sourceSchema,
});

export const ruleSchema = z
  .discriminatedUnion('kind', [accumulationRuleSchema, procedureRuleSchema])
  .meta({ id: 'Rule', description: 'Accumulation rules are applied by the suggestion; procedure rules are shown to the DSL, not evaluated.' });
export type Rule = z.infer<typeof ruleSchema>;
export type AccumulationRule = z.infer<typeof accumulationRuleSchema>;

export const escalationSchema = z
  .strictObject({
    title: text,
    overallLimit: durationSchema.optional().describe('The longest the whole procedure should take, e.g. 10 working days.'),
    note: text.optional().describe('E.g. "much sooner if a child is at significant risk".'),
    url: text.optional(),
    stages: z
      .array(
        z.strictObject({
          order: z.number().int().min(1),
          action: text,
          who: text.optional(),
          timescale: timescaleSchema.optional(),
          source: sourceSchema,
        }),
      )
      .describe('May be empty when the document only links to a procedure.'),
    source: sourceSchema,
  })
  .meta({ id: 'Escalation', description: 'How professionals resolve disagreements about a child (the escalation or resolution procedure).' });
export type Escalation = z.infer<typeof escalationSchema>;

export const borrowedIndicatorsSchema = z
  .strictObject({
    fromPackId: id.describe('The id of the pack that lends its indicators, e.g. the London Continuum.'),
    levelMap: z
      .record(id, id)
      .describe('For each of the lending pack\'s level ids, the level in this pack its indicators belong to.'),
    domainIds: z
      .array(id)
      .min(1)
      .optional()
      .describe(
        'Borrow only the indicators under these domains of the lending pack (and their sub-headings), when this document adopted ' +
          'only those tables; indicators the lender does not group by domain are then left out. Omit to borrow every indicator.',
      ),
    note: text.optional(),
    source: sourceSchema.optional().describe('Where this document says it uses the other framework.'),
  })
  .meta({
    id: 'BorrowedIndicators',
    description: 'Use another pack\'s indicators (with its domains) for documents that have no indicator table of their own.',
  });
export type BorrowedIndicators = z.infer<typeof borrowedIndicatorsSchema>;

export const provenanceSchema = z
  .strictObject({
    publisher: text,
    title: text,
    shortTitle: text
      .max(80)
      .optional()
      .describe('A short name for the document, shown as the source under each item, e.g. "Worcestershire Multi Agency Levels of Need".'),
    publishedOn: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use yyyy, yyyy-MM or yyyy-MM-dd')
      .describe('When the document was published, as precisely as is known.'),
    publishedOnBasis: text.optional().describe('How the date is known if the document does not print it (e.g. a print code).'),
    seed: text.describe('The file name of the plain-text copy this pack was transcribed from.'),
    url: text.optional(),
    nationalGuidance: z.array(text).optional().describe('National guidance the document cites, e.g. "Working Together 2013".'),
    status: z.literal(historicalStatus),
  })
  .meta({ id: 'Provenance', description: 'Who published the document, when, and the reminder that it must be checked against current guidance.' });
export type Provenance = z.infer<typeof provenanceSchema>;

export const packSchema = z
  .strictObject({
    $schema: z.string().optional(),
    formatVersion: z.literal(1).describe('The version of this pack format.'),
    id: id.describe('The pack\'s identifier, e.g. "london-continuum-waltham-forest-2014".'),
    title: text,
    provenance: provenanceSchema,
    areas: z.array(areaSchema).min(1).describe('The councils (and their districts) the pack covers.'),
    levels: z.array(levelSchema).min(1),
    domains: z.array(domainSchema),
    indicators: z.array(indicatorSchema),
    borrowIndicators: z.array(borrowedIndicatorsSchema).optional(),
    rules: z.array(ruleSchema).optional(),
    pathways: z.array(pathwaySchema).min(1),
    immediateActionPathwayId: id.describe('The route for a child in immediate danger; every red flag points here.'),
    escalation: escalationSchema.optional(),
    contacts: z.array(contactSchema),
    notes: z.array(z.strictObject({ text, source: sourceOrProductSchema })).optional().describe('Guidance that is not an indicator.'),
    glossary: z.array(z.strictObject({ term: text, meaning: text, source: sourceSchema.optional() })).optional(),
  })
  .meta({
    title: 'Local-authority threshold pack',
    description:
      'One local authority\'s published levels of need, indicators, pathways, escalation and contacts, for the Safeguarding Records app.',
  });
export type Pack = z.infer<typeof packSchema>;
