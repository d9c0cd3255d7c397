// Validates a pack file: first its shape (zod), then what a schema cannot say — that every id it refers to
// exists and every id is unique. Errors name JSON paths such as `levels[2].id`, so whoever wrote the file can
// find the line to fix without reading code.
import type { z } from 'zod';
import { packSchema, type Pack } from './packSchema';

export interface PackError {
  /** Where the problem is, e.g. `indicators[12].levelId`; empty for the whole file. */
  path: string;
  message: string;
}

export type PackValidation = { ok: true; pack: Pack } | { ok: false; errors: PackError[] };

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['levels', 2, 'id']` → `levels[2].id`; keys that are not plain names are quoted: `levelMap["l-1"]`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') formatted += `[${segment}]`;
    else if (typeof segment === 'string' && plainKey.test(segment)) formatted += formatted === '' ? segment : `.${segment}`;
    else formatted += `[${JSON.stringify(String(segment))}]`;
  }
  return formatted;
}

function fromZodIssues(issues: readonly z.core.$ZodIssue[]): PackError[] {
  return issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message }));
}

/** Checks a parsed JSON value against the pack format and its internal references. */
export function validatePack(json: unknown): PackValidation {
  const parsed = packSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: fromZodIssues(parsed.error.issues) };
  const errors = findReferenceErrors(parsed.data);
  return errors.length === 0 ? { ok: true, pack: parsed.data } : { ok: false, errors };
}

/** Collects the ids of one list, reporting any that appear twice. */
function collectIds(items: readonly { id: string }[], listPath: string, errors: PackError[], seen = new Set<string>()): Set<string> {
  items.forEach((item, index) => {
    if (seen.has(item.id)) errors.push({ path: `${listPath}[${index}].id`, message: `Duplicate id "${item.id}"` });
    seen.add(item.id);
  });
  return seen;
}

function findReferenceErrors(pack: Pack): PackError[] {
  const errors: PackError[] = [];
  const expect = (known: ReadonlySet<string>, value: string | undefined, path: string, what: string) => {
    if (value !== undefined && !known.has(value)) errors.push({ path, message: `No ${what} has the id "${value}"` });
  };
  const expectAll = (known: ReadonlySet<string>, values: readonly string[] | undefined, path: string, what: string) => {
    values?.forEach((value, index) => expect(known, value, `${path}[${index}]`, what));
  };

  const areaIds = collectIds(pack.areas, 'areas', errors);
  // Sub-levels share the level namespace so that a saved assessment's level id is never ambiguous.
  const levelIds = collectIds(pack.levels, 'levels', errors);
  pack.levels.forEach((level, index) => collectIds(level.subLevels ?? [], `levels[${index}].subLevels`, errors, levelIds));
  const topLevelIds = new Set(pack.levels.map((level) => level.id));
  const domainIds = collectIds(pack.domains, 'domains', errors);
  collectIds(pack.indicators, 'indicators', errors);
  const pathwayIds = collectIds(pack.pathways, 'pathways', errors);
  const contactIds = collectIds(pack.contacts, 'contacts', errors);
  collectIds(pack.rules ?? [], 'rules', errors);

  const ordinals = new Map<number, number>();
  pack.levels.forEach((level, index) => {
    const earlier = ordinals.get(level.ordinal);
    if (earlier !== undefined) {
      errors.push({ path: `levels[${index}].ordinal`, message: `Ordinal ${level.ordinal} is already used by levels[${earlier}]` });
    } else ordinals.set(level.ordinal, index);
    expect(pathwayIds, level.recommendedPathwayId, `levels[${index}].recommendedPathwayId`, 'pathway');
  });

  pack.areas.forEach((area, index) => expect(areaIds, area.parentId, `areas[${index}].parentId`, 'area'));
  pack.domains.forEach((domain, index) => expect(domainIds, domain.parentId, `domains[${index}].parentId`, 'domain'));
  reportDomainCycles(pack, errors);

  pack.indicators.forEach((indicator, index) => {
    expect(topLevelIds, indicator.levelId, `indicators[${index}].levelId`, 'level');
    expect(domainIds, indicator.domainId, `indicators[${index}].domainId`, 'domain');
    const { atLeast, under } = indicator.ageLimits ?? {};
    if (atLeast && under && inMonths(atLeast) >= inMonths(under)) {
      errors.push({ path: `indicators[${index}].ageLimits`, message: 'No child can be at least this old and under that age' });
    }
  });

  pack.borrowIndicators?.forEach((borrow, index) => {
    if (borrow.fromPackId === pack.id) errors.push({ path: `borrowIndicators[${index}].fromPackId`, message: 'A pack cannot borrow from itself' });
    for (const [lenderLevelId, levelId] of Object.entries(borrow.levelMap)) {
      expect(topLevelIds, levelId, `borrowIndicators[${index}].levelMap${formatJsonPath([lenderLevelId])}`, 'level');
    }
  });

  pack.rules?.forEach((rule, index) => {
    expect(pathwayIds, rule.pathwayId, `rules[${index}].pathwayId`, 'pathway');
    if (rule.kind === 'accumulation') {
      expect(topLevelIds, rule.raiseToLevelId, `rules[${index}].raiseToLevelId`, 'level');
      expectAll(topLevelIds, rule.atLevelIds, `rules[${index}].atLevelIds`, 'level');
      expectAll(areaIds, rule.areaIds, `rules[${index}].areaIds`, 'area');
    }
  });

  pack.pathways.forEach((pathway, index) => {
    expectAll(topLevelIds, pathway.servesLevelIds, `pathways[${index}].servesLevelIds`, 'level');
    pathway.steps.forEach((step, stepIndex) =>
      expectAll(contactIds, step.contactIds, `pathways[${index}].steps[${stepIndex}].contactIds`, 'contact'),
    );
  });
  expect(pathwayIds, pack.immediateActionPathwayId, 'immediateActionPathwayId', 'pathway');

  pack.contacts.forEach((contact, index) => {
    expectAll(areaIds, contact.areaIds, `contacts[${index}].areaIds`, 'area');
    expect(contactIds, contact.outOfHoursContactId, `contacts[${index}].outOfHoursContactId`, 'contact');
    if (contact.availability.kind === 'outside_hours_of') {
      expect(contactIds, contact.availability.contactId, `contacts[${index}].availability.contactId`, 'contact');
      if (contact.availability.contactId === contact.id) {
        errors.push({ path: `contacts[${index}].availability.contactId`, message: 'A line cannot cover its own closed hours' });
      }
    }
  });

  return errors;
}

function inMonths(bound: { value: number; unit: 'years' | 'months' }): number {
  return bound.unit === 'years' ? bound.value * 12 : bound.value;
}

function reportDomainCycles(pack: Pack, errors: PackError[]): void {
  const parentOf = new Map(pack.domains.map((domain) => [domain.id, domain.parentId]));
  pack.domains.forEach((domain, index) => {
    const visited = new Set<string>([domain.id]);
    for (let parent = domain.parentId; parent !== undefined; parent = parentOf.get(parent)) {
      if (visited.has(parent)) {
        errors.push({ path: `domains[${index}].parentId`, message: `Domain "${domain.id}" is inside itself through its parents` });
        return;
      }
      visited.add(parent);
    }
  });
}
