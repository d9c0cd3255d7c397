// The threshold suggestion: from the indicators a DSL has ticked, where the child's circumstances sit in
// the council's published levels, why, which route the council expects and whom to contact. It suggests;
// the DSL decides and records why. Pure, and quick enough to re-run on every tick.
import { completedMonthsOfAge, describeAge, describeAgeLimits, formatIsoDateForPeople, isWithinAgeLimits } from './age';
import { contactServesArea } from './contactScope';
import { indexPack, type PackIndex } from './packIndex';
import type { AccumulationRule, AgeLimits, Band, Contact, Duration, IndicatorKind, Level, Pathway } from './packSchema';
import type { ResolvedIndicator, ResolvedPack } from './resolvePack';

/** Shown with every suggestion, wherever it appears. */
export const suggestionDisclaimer =
  'This is a suggestion drawn from the local authority\'s published thresholds, not a decision. ' +
  'The designated safeguarding lead decides what happens and records the reasons. ' +
  'If a child is in immediate danger, call 999.';

export const bandLabels: Record<Band, string> = {
  universal: 'universal services',
  emerging: 'emerging needs',
  early_help: 'early help',
  child_in_need_s17: 'child in need (Children Act 1989 s17)',
  child_protection_s47: 'child protection (Children Act 1989 s47)',
};

export interface TickedIndicator {
  indicatorId: string;
  /** What the DSL saw or was told that made them tick it, kept with the indicator in the explanation. */
  observation?: string;
}

export interface SuggestionInput {
  ticked: readonly TickedIndicator[];
  /** `yyyy-MM-dd`; null when not known, in which case age limits cannot be checked and are reported. */
  dateOfBirth: string | null;
  /** `yyyy-MM-dd`: the child's age is worked out on this date. */
  assessmentDate: string;
  /** The school's council or district, for multi-council packs. */
  areaId?: string;
}

export interface SuggestionDriver {
  indicatorId: string;
  text: string;
  kind: IndicatorKind;
  levelId: string;
  levelCode: string;
  domainId?: string;
  domainLabel?: string;
  observation?: string;
  doubt?: string;
  /** True for indicators at the suggested level (the ones that set it). */
  atSuggestedLevel: boolean;
}

export interface DomainProfileEntry {
  domainId: string;
  domainLabel: string;
  /** The highest level among the needs and risks ticked in this domain. */
  levelId: string;
  levelCode: string;
  indicatorIds: string[];
}

export interface AppliedRule {
  ruleId: string;
  description: string;
  count: number;
  /** Set when the rule raised the suggestion above what the indicators alone gave. */
  raisedToLevelId?: string;
}

export interface IgnoredForAge {
  indicatorId: string;
  text: string;
  ageLimits: AgeLimits;
  reason: string;
}

export interface LevelSuggestion {
  packId: string;
  packPublishedOn: string;
  packStatus: string;
  level: { id: string; code: string; label: string };
  /** The highest shared band of the suggested level. */
  band: Band;
  bands: Band[];
  /** True when a red flag is ticked: act now on the pack's immediate-action pathway, whatever else is counted. */
  immediateAction: boolean;
  /** One plain-English sentence, then one line per reason. */
  explanation: string[];
  /** Ticked needs, risks, statuses and red flags: red flags first, then highest level first. */
  drivers: SuggestionDriver[];
  /** Ticked strengths and protective factors: shown as what is working well; they never raise a level. */
  strengths: SuggestionDriver[];
  domainProfile: DomainProfileEntry[];
  rulesApplied: AppliedRule[];
  pathway: Pathway | null;
  reviewInterval: Duration | null;
  contacts: Contact[];
  ignoredForAge: IgnoredForAge[];
  /** Age-limited indicators counted without checking the age, because the date of birth is not known. */
  ageNotChecked: string[];
  unknownIndicatorIds: string[];
  ageInMonths: number | null;
  disclaimer: string;
}

const raisingKinds: ReadonlySet<IndicatorKind> = new Set(['need', 'risk', 'red_flag', 'status']);

/** Suggests a local level and shared band for the ticked indicators. Never a decision: see `disclaimer`. */
export function suggestLevel(pack: ResolvedPack, input: SuggestionInput): LevelSuggestion {
  const index = indexPack(pack);
  const ageInMonths = input.dateOfBirth === null ? null : completedMonthsOfAge(input.dateOfBirth, input.assessmentDate);

  const counted: { indicator: ResolvedIndicator; observation?: string }[] = [];
  const ignoredForAge: IgnoredForAge[] = [];
  const ageNotChecked: string[] = [];
  const unknownIndicatorIds: string[] = [];
  const seen = new Set<string>();
  for (const tick of input.ticked) {
    if (seen.has(tick.indicatorId)) continue;
    seen.add(tick.indicatorId);
    const indicator = index.indicatorsById.get(tick.indicatorId);
    if (!indicator) {
      unknownIndicatorIds.push(tick.indicatorId);
      continue;
    }
    if (indicator.ageLimits) {
      if (ageInMonths === null) ageNotChecked.push(indicator.id);
      else if (!isWithinAgeLimits(indicator.ageLimits, ageInMonths)) {
        ignoredForAge.push({
          indicatorId: indicator.id,
          text: indicator.text,
          ageLimits: indicator.ageLimits,
          reason:
            `Applies to children ${describeAgeLimits(indicator.ageLimits)}; ` +
            `this child is ${describeAge(ageInMonths)} on ${formatIsoDateForPeople(input.assessmentDate)}.`,
        });
        continue;
      }
    }
    counted.push(tick.observation === undefined ? { indicator } : { indicator, observation: tick.observation });
  }

  const raising = counted.filter(({ indicator }) => raisingKinds.has(indicator.kind));
  const rankOf = (levelId: string) => index.levelRank.get(levelId) ?? 0;
  let rank = raising.reduce((highest, { indicator }) => Math.max(highest, rankOf(indicator.levelId)), 0);
  const fromIndicatorsRank = rank;

  const rulesApplied: AppliedRule[] = [];
  let rulePathway: Pathway | undefined;
  for (const rule of pack.rules ?? []) {
    if (rule.kind !== 'accumulation') continue;
    // A council's own rule in a partnership pack applies only when that council (or one of its districts) is chosen.
    if (!ruleServesArea(rule, input.areaId, index)) continue;
    const count = countForRule(rule, counted.map(({ indicator }) => indicator));
    if (count < rule.atLeast) continue;
    const applied: AppliedRule = { ruleId: rule.id, description: rule.description, count };
    const raiseTo = rankOf(rule.raiseToLevelId);
    if (raiseTo > rank) {
      rank = raiseTo;
      applied.raisedToLevelId = rule.raiseToLevelId;
      rulePathway = rule.pathwayId === undefined ? undefined : index.pathwaysById.get(rule.pathwayId);
    }
    rulesApplied.push(applied);
  }

  // levelsInOrder is never empty: the schema requires at least one level.
  const level = index.levelsInOrder[rank] as Level;
  const redFlagsTicked = raising.some(({ indicator }) => indicator.kind === 'red_flag');
  const pathway = redFlagsTicked
    ? (index.pathwaysById.get(pack.immediateActionPathwayId) ?? null)
    : (rulePathway ??
      (level.recommendedPathwayId === undefined ? undefined : index.pathwaysById.get(level.recommendedPathwayId)) ??
      index.firstPathwayForLevel.get(level.id) ??
      null);

  const toDriver = ({ indicator, observation }: (typeof counted)[number]): SuggestionDriver => {
    const domain = indicator.domainId === undefined ? undefined : index.domainsById.get(indicator.domainId);
    return {
      indicatorId: indicator.id,
      text: indicator.text,
      kind: indicator.kind,
      levelId: indicator.levelId,
      levelCode: index.levelsById.get(indicator.levelId)?.code ?? indicator.levelId,
      ...(domain ? { domainId: domain.id, domainLabel: domain.label } : {}),
      ...(observation === undefined ? {} : { observation }),
      ...(indicator.doubt === undefined ? {} : { doubt: indicator.doubt }),
      atSuggestedLevel: indicator.levelId === level.id,
    };
  };
  const drivers = raising.map(toDriver).sort((a, b) => compareDrivers(a, b, index));
  const strengths = counted.filter(({ indicator }) => !raisingKinds.has(indicator.kind)).map(toDriver);

  const bands = [...level.bands];
  // A level spanning two bands is reported at its higher one, except when nothing of concern is ticked.
  const band = (raising.length === 0 && rank === 0 ? bands[0] : bands[bands.length - 1]) as Band;
  const contacts = pathway ? contactsForPathway(pathway, index, input.areaId) : [];
  const domainProfile = profileByDomain(raising.map(({ indicator }) => indicator), index);

  return {
    packId: pack.id,
    packPublishedOn: pack.provenance.publishedOn,
    packStatus: pack.provenance.status,
    level: { id: level.id, code: level.code, label: level.label },
    band,
    bands,
    immediateAction: redFlagsTicked,
    explanation: explain({ level, band, drivers, rulesApplied, ignoredForAge, ageNotChecked, pathway, fromIndicatorsRank, rank, index }),
    drivers,
    strengths,
    domainProfile,
    rulesApplied,
    pathway,
    reviewInterval: level.reviewInterval ?? null,
    contacts,
    ignoredForAge,
    ageNotChecked,
    unknownIndicatorIds,
    ageInMonths,
    disclaimer: suggestionDisclaimer,
  };
}

function countForRule(rule: AccumulationRule, indicators: readonly ResolvedIndicator[]): number {
  const kinds = new Set(rule.countKinds);
  const levels = rule.atLevelIds === undefined ? undefined : new Set(rule.atLevelIds);
  const counted = new Set<string>();
  for (const indicator of indicators) {
    if (!kinds.has(indicator.kind) || (levels && !levels.has(indicator.levelId))) continue;
    // An indicator with no domain counts as a domain of its own rather than being lost from the count.
    counted.add(rule.countDistinct === 'domains' ? (indicator.domainId ?? `indicator:${indicator.id}`) : indicator.id);
  }
  return counted.size;
}

function compareDrivers(a: SuggestionDriver, b: SuggestionDriver, index: PackIndex): number {
  const redFlagFirst = Number(b.kind === 'red_flag') - Number(a.kind === 'red_flag');
  if (redFlagFirst !== 0) return redFlagFirst;
  const higherLevelFirst = (index.levelRank.get(b.levelId) ?? 0) - (index.levelRank.get(a.levelId) ?? 0);
  if (higherLevelFirst !== 0) return higherLevelFirst;
  return (index.indicatorOrder.get(a.indicatorId) ?? 0) - (index.indicatorOrder.get(b.indicatorId) ?? 0);
}

function profileByDomain(indicators: readonly ResolvedIndicator[], index: PackIndex): DomainProfileEntry[] {
  const byDomain = new Map<string, { rank: number; indicatorIds: string[] }>();
  for (const indicator of indicators) {
    if (indicator.domainId === undefined) continue;
    const entry = byDomain.get(indicator.domainId) ?? { rank: -1, indicatorIds: [] };
    entry.rank = Math.max(entry.rank, index.levelRank.get(indicator.levelId) ?? 0);
    entry.indicatorIds.push(indicator.id);
    byDomain.set(indicator.domainId, entry);
  }
  return [...byDomain]
    .sort(([a], [b]) => (index.domainOrder.get(a) ?? 0) - (index.domainOrder.get(b) ?? 0))
    .map(([domainId, { rank, indicatorIds }]) => {
      const level = index.levelsInOrder[rank] as Level;
      return {
        domainId,
        domainLabel: index.domainsById.get(domainId)?.label ?? domainId,
        levelId: level.id,
        levelCode: level.code,
        indicatorIds,
      };
    });
}

function ruleServesArea(rule: AccumulationRule, areaId: string | undefined, index: PackIndex): boolean {
  if (!rule.areaIds?.length || areaId === undefined) return true;
  return contactServesArea(rule, areaId, index.areasById);
}

function contactsForPathway(pathway: Pathway, index: PackIndex, areaId: string | undefined): Contact[] {
  const chosen = new Map<string, Contact>();
  const add = (contact: Contact | undefined) => {
    if (contact && !chosen.has(contact.id) && contactServesArea(contact, areaId, index.areasById)) chosen.set(contact.id, contact);
  };
  for (const step of pathway.steps) {
    for (const contactId of step.contactIds ?? []) add(index.contactsById.get(contactId));
    for (const role of step.contactRoles ?? []) for (const contact of index.contactsByRole.get(role) ?? []) add(contact);
  }
  return [...chosen.values()];
}

function levelName(level: Level): string {
  return `level ${level.code} (${level.label})`;
}

function explain(facts: {
  level: Level;
  band: Band;
  drivers: readonly SuggestionDriver[];
  rulesApplied: readonly AppliedRule[];
  ignoredForAge: readonly IgnoredForAge[];
  ageNotChecked: readonly string[];
  pathway: Pathway | null;
  fromIndicatorsRank: number;
  rank: number;
  index: PackIndex;
}): string[] {
  const { level, band, drivers, pathway } = facts;
  const lines: string[] = [];
  const redFlags = drivers.filter((driver) => driver.kind === 'red_flag');
  const atLevel = drivers.filter((driver) => driver.atSuggestedLevel);

  if (redFlags.length > 0) {
    lines.push(
      `Act now: ${redFlags.length === 1 ? 'a red flag is' : `${redFlags.length} red flags are`} ticked, so the local guidance's ` +
        `immediate-action route applies whatever else is counted${pathway ? ` ("${pathway.title}")` : ''}.`,
    );
  }
  if (drivers.length === 0 && facts.rank === 0) {
    lines.push(`No needs or risks are ticked, so the suggestion is the first level, ${levelName(level)}: ${bandLabels[band]}.`);
  } else {
    lines.push(`Suggested ${levelName(level)}, in the shared band ${bandLabels[band]}.`);
  }
  for (const driver of redFlags) lines.push(`Red flag (level ${driver.levelCode}): ${driver.text}`);
  if (atLevel.length > 0 && facts.fromIndicatorsRank === facts.rank) {
    const nonFlags = atLevel.filter((driver) => driver.kind !== 'red_flag');
    for (const driver of nonFlags) lines.push(`At level ${driver.levelCode}: ${driver.text}`);
  }
  const below = drivers.filter((driver) => !driver.atSuggestedLevel && driver.kind !== 'red_flag').length;
  if (below > 0) lines.push(`${below} more ticked ${below === 1 ? 'indicator sits' : 'indicators sit'} at lower levels.`);
  for (const rule of facts.rulesApplied) {
    const raised = rule.raisedToLevelId === undefined ? undefined : facts.index.levelsById.get(rule.raisedToLevelId);
    lines.push(
      raised
        ? `Rule: ${rule.description} (${rule.count} counted), so the suggestion is raised to ${levelName(raised)}.`
        : `Rule: ${rule.description} (${rule.count} counted); the suggestion is already at or above the level it points to.`,
    );
  }
  for (const ignored of facts.ignoredForAge) lines.push(`Not counted: "${ignored.text}". ${ignored.reason}`);
  if (facts.ageNotChecked.length > 0) {
    lines.push(`The date of birth is not recorded, so ${facts.ageNotChecked.length} age-limited indicator(s) were counted without checking the age.`);
  }
  return lines;
}
