// Local-authority threshold packs: the format, validation, borrowing, the level suggestion and "who to call now".
export {
  bands,
  contactRoles,
  historicalStatus,
  indicatorKinds,
  packSchema,
  productSource,
  weekdays,
  type AccumulationRule,
  type AgeLimits,
  type Area,
  type Availability,
  type Band,
  type Contact,
  type ContactRole,
  type Domain,
  type Duration,
  type Escalation,
  type Indicator,
  type IndicatorKind,
  type Level,
  type Pack,
  type Pathway,
  type PathwayStep,
  type Rule,
  type Source,
  type SourceOrProduct,
  type Provenance,
  type Timescale,
  type Weekday,
} from './packSchema';
export { formatJsonPath, validatePack, type PackError, type PackValidation } from './validatePack';
export { loadPackLibrary, resolvePack, type PackLibrary, type PackResolution, type ResolvedIndicator, type ResolvedPack } from './resolvePack';
export { completedMonthsOfAge, describeAgeLimits, isWithinAgeLimits } from './age';
export { contactsForArea, contactServesArea } from './contactScope';
export { ladoSlotDescription, withLadoSlots } from './ladoSlots';
export {
  bandLabels,
  suggestLevel,
  suggestionDisclaimer,
  type AppliedRule,
  type DomainProfileEntry,
  type IgnoredForAge,
  type LevelSuggestion,
  type SuggestionDriver,
  type SuggestionInput,
  type TickedIndicator,
} from './suggestLevel';
export { emergencyAdvice, whoToCallNow, type ContactNow, type ContactStatus, type WhoToCallNow } from './whoToCallNow';
export { renderPackJsonSchema } from './jsonSchema';
export { createIndicatorSearch, productSynonyms, type IndicatorSearch } from './indicatorSearch';
export { productRedFlagKinds, redFlagKindOf, type RedFlagKind } from './redFlags';
