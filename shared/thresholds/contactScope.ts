// Which contacts apply to the school's chosen council or district. A multi-council pack (Leicester,
// Leicestershire & Rutland) has one front door per council; a county pack may list a contact per district.
import type { Area, Contact } from './packSchema';

function withAncestors(areaId: string, areasById: ReadonlyMap<string, Area>): string[] {
  const chain: string[] = [];
  for (let current: string | undefined = areaId; current !== undefined && !chain.includes(current); current = areasById.get(current)?.parentId) {
    chain.push(current);
  }
  return chain;
}

/**
 * True when `contact` serves `areaId`: pack-wide contacts serve everyone; a council's contacts serve its
 * districts; a district's contacts serve the district and, when only the council is chosen, the council.
 * With no area chosen every contact applies, so the DSL sees all front doors rather than none.
 */
export function contactServesArea(contact: Pick<Contact, 'areaIds'>, areaId: string | undefined, areasById: ReadonlyMap<string, Area>): boolean {
  if (areaId === undefined || !contact.areaIds?.length) return true;
  const chosenAndAbove = withAncestors(areaId, areasById);
  return contact.areaIds.some(
    (contactArea) => chosenAndAbove.includes(contactArea) || withAncestors(contactArea, areasById).includes(areaId),
  );
}

/** The pack's contacts that apply to the chosen council or district, in the pack's order. */
export function contactsForArea(
  pack: { contacts: readonly Contact[]; areas: readonly Area[] },
  areaId: string | undefined,
): Contact[] {
  const areasById = new Map(pack.areas.map((area) => [area.id, area]));
  return pack.contacts.filter((contact) => contactServesArea(contact, areaId, areasById));
}
