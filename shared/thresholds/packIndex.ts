// Lookup tables for one resolved pack, built once and cached per pack object, so a suggestion never scans
// the pack's lists (the suggestion is re-run on every tick in the indicator picker).
import type { Area, Contact, ContactRole, Domain, Level, Pathway } from './packSchema';
import type { ResolvedIndicator, ResolvedPack } from './resolvePack';

export interface PackIndex {
  levelsById: ReadonlyMap<string, Level>;
  /** Position of each level when sorted by ordinal, lowest need first. */
  levelRank: ReadonlyMap<string, number>;
  levelsInOrder: readonly Level[];
  indicatorsById: ReadonlyMap<string, ResolvedIndicator>;
  /** Position in the pack's indicator list: the document's own order, used to break ties. */
  indicatorOrder: ReadonlyMap<string, number>;
  domainsById: ReadonlyMap<string, Domain>;
  domainOrder: ReadonlyMap<string, number>;
  pathwaysById: ReadonlyMap<string, Pathway>;
  /** The first pathway that serves each level, for levels without a recommended pathway. */
  firstPathwayForLevel: ReadonlyMap<string, Pathway>;
  contactsById: ReadonlyMap<string, Contact>;
  contactsByRole: ReadonlyMap<ContactRole, readonly Contact[]>;
  areasById: ReadonlyMap<string, Area>;
}

const cache = new WeakMap<ResolvedPack, PackIndex>();

function positions<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  return new Map(items.map((item, index) => [key(item), index]));
}

export function indexPack(pack: ResolvedPack): PackIndex {
  const cached = cache.get(pack);
  if (cached) return cached;

  const levelsInOrder = [...pack.levels].sort((a, b) => a.ordinal - b.ordinal);
  const firstPathwayForLevel = new Map<string, Pathway>();
  for (const pathway of pack.pathways) {
    for (const levelId of pathway.servesLevelIds) if (!firstPathwayForLevel.has(levelId)) firstPathwayForLevel.set(levelId, pathway);
  }
  const contactsByRole = new Map<ContactRole, Contact[]>();
  for (const contact of pack.contacts) {
    const list = contactsByRole.get(contact.role) ?? [];
    list.push(contact);
    contactsByRole.set(contact.role, list);
  }

  const index: PackIndex = {
    levelsById: new Map(pack.levels.map((level) => [level.id, level])),
    levelRank: positions(levelsInOrder, (level) => level.id),
    levelsInOrder,
    indicatorsById: new Map(pack.indicators.map((indicator) => [indicator.id, indicator])),
    indicatorOrder: positions(pack.indicators, (indicator) => indicator.id),
    domainsById: new Map(pack.domains.map((domain) => [domain.id, domain])),
    domainOrder: positions(pack.domains, (domain) => domain.id),
    pathwaysById: new Map(pack.pathways.map((pathway) => [pathway.id, pathway])),
    firstPathwayForLevel,
    contactsById: new Map(pack.contacts.map((contact) => [contact.id, contact])),
    contactsByRole,
    areasById: new Map(pack.areas.map((area) => [area.id, area])),
  };
  cache.set(pack, index);
  return index;
}
