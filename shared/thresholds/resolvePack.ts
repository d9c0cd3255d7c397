// Borrowed indicators. Some documents (Wandsworth's) have no indicator table and say they use another
// framework (the London Continuum). Such a pack names the lending pack and maps each of its levels onto its
// own; resolving copies the lender's indicators and their domains in, so the engine only ever sees one pack.
import type { Domain, Indicator, Pack, Provenance } from './packSchema';
import { formatJsonPath, validatePack, type PackError } from './validatePack';

export interface ResolvedIndicator extends Indicator {
  /** The id of the pack this indicator was borrowed from; absent for the pack's own indicators. */
  borrowedFrom?: string;
  /** The lending pack's document, so a borrowed indicator names where it really comes from. */
  borrowedFromDocument?: Pick<Provenance, 'publisher' | 'title' | 'shortTitle' | 'publishedOn'>;
}

/** A validated pack with its borrowed indicators copied in: what the suggestion engine works on. */
export interface ResolvedPack extends Omit<Pack, 'indicators'> {
  indicators: ResolvedIndicator[];
}

export type PackResolution = { ok: true; pack: ResolvedPack } | { ok: false; errors: PackError[] };

/**
 * Copies borrowed indicators (and the lender's domains they use) into `pack`. `lenders` holds packs by id;
 * a lender that itself borrows must be resolved first (borrowing is not transitive, to keep packs readable).
 */
export function resolvePack(pack: Pack, lenders: ReadonlyMap<string, Pack | ResolvedPack>): PackResolution {
  if (!pack.borrowIndicators?.length) return { ok: true, pack };
  const errors: PackError[] = [];
  const indicators: ResolvedIndicator[] = [...pack.indicators];
  const domains: Domain[] = [...pack.domains];
  const indicatorIds = new Set(indicators.map((indicator) => indicator.id));
  const domainIds = new Set(domains.map((domain) => domain.id));

  pack.borrowIndicators.forEach((borrow, borrowIndex) => {
    const path = `borrowIndicators[${borrowIndex}]`;
    const lender = lenders.get(borrow.fromPackId);
    if (!lender) {
      errors.push({ path: `${path}.fromPackId`, message: `No pack with the id "${borrow.fromPackId}" is loaded to borrow from` });
      return;
    }
    if (lender.borrowIndicators?.length) {
      errors.push({ path: `${path}.fromPackId`, message: `"${lender.id}" borrows its own indicators; borrow from the original pack` });
      return;
    }
    const lenderLevelIds = new Set(lender.levels.map((level) => level.id));
    for (const lenderLevelId of Object.keys(borrow.levelMap)) {
      if (!lenderLevelIds.has(lenderLevelId)) {
        errors.push({ path: `${path}.levelMap${formatJsonPath([lenderLevelId])}`, message: `"${lender.id}" has no level "${lenderLevelId}"` });
      }
    }
    for (const level of lender.levels) {
      if (!(level.id in borrow.levelMap)) {
        errors.push({ path: `${path}.levelMap`, message: `Say which level "${lender.id}" level "${level.id}" belongs to in this pack` });
      }
    }
    for (const domain of lender.domains) {
      if (domainIds.has(domain.id)) {
        // Same id from the same lender (two borrow entries) is harmless; anything else would mix two trees.
        if (!domains.some((existing) => existing === domain)) {
          errors.push({ path: `${path}.fromPackId`, message: `Domain id "${domain.id}" is in both packs; rename this pack's domain` });
        }
        continue;
      }
      domainIds.add(domain.id);
      domains.push(domain);
    }
    const lenderDomainIds = new Set(lender.domains.map((domain) => domain.id));
    (borrow.domainIds ?? []).forEach((domainId, domainIndex) => {
      if (!lenderDomainIds.has(domainId)) errors.push({ path: `${path}.domainIds[${domainIndex}]`, message: `"${lender.id}" has no domain "${domainId}"` });
    });
    const adopted = borrow.domainIds ? domainsWithin(lender.domains, borrow.domainIds) : null;
    for (const indicator of lender.indicators) {
      const levelId = borrow.levelMap[indicator.levelId];
      if (levelId === undefined) continue;
      if (adopted && (indicator.domainId === undefined || !adopted.has(indicator.domainId))) continue;
      if (indicatorIds.has(indicator.id)) {
        errors.push({ path: `${path}.fromPackId`, message: `Indicator id "${indicator.id}" is in both packs` });
        continue;
      }
      indicatorIds.add(indicator.id);
      const { publisher, title, shortTitle, publishedOn } = lender.provenance;
      const borrowedFromDocument = { publisher, title, publishedOn, ...(shortTitle === undefined ? {} : { shortTitle }) };
      indicators.push({ ...indicator, levelId, borrowedFrom: lender.id, borrowedFromDocument });
    }
  });

  return errors.length === 0 ? { ok: true, pack: { ...pack, domains, indicators } } : { ok: false, errors };
}

/** The given domains and every domain beneath them in the tree. */
function domainsWithin(domains: readonly Domain[], rootIds: readonly string[]): Set<string> {
  const within = new Set(rootIds);
  for (let grew = true; grew; ) {
    grew = false;
    for (const domain of domains) {
      if (domain.parentId !== undefined && within.has(domain.parentId) && !within.has(domain.id)) {
        within.add(domain.id);
        grew = true;
      }
    }
  }
  return within;
}

export interface PackLibrary {
  packs: ReadonlyMap<string, ResolvedPack>;
  /** Files that were refused, by their position in the input and (when it could be read) their id. */
  problems: { index: number; packId?: string; errors: PackError[] }[];
}

/** Validates every pack file, then resolves borrowing: what loading the shipped and imported packs does. */
export function loadPackLibrary(jsons: readonly unknown[]): PackLibrary {
  const problems: PackLibrary['problems'] = [];
  const valid = new Map<string, { pack: Pack; index: number }>();
  jsons.forEach((json, index) => {
    const validation = validatePack(json);
    if (!validation.ok) {
      const packId = typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'string' ? json.id : undefined;
      problems.push({ index, ...(packId === undefined ? {} : { packId }), errors: validation.errors });
    } else if (valid.has(validation.pack.id)) {
      const duplicate = { path: 'id', message: `Another pack already has the id "${validation.pack.id}"` };
      problems.push({ index, packId: validation.pack.id, errors: [duplicate] });
    } else valid.set(validation.pack.id, { pack: validation.pack, index });
  });

  const lenders = new Map([...valid].map(([packId, entry]) => [packId, entry.pack]));
  const packs = new Map<string, ResolvedPack>();
  for (const [packId, { pack, index }] of valid) {
    const resolution = resolvePack(pack, lenders);
    if (resolution.ok) packs.set(packId, resolution.pack);
    else problems.push({ index, packId, errors: resolution.errors });
  }
  return { packs, problems };
}
