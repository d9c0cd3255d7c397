// Every local authority has a LADO (local authority designated officer) for allegations about adults who work with
// children (KCSIE Part 4), but none of the seed documents gives one. So each council in a pack gets a LADO slot: the
// pack's own where it has one, otherwise an empty line for the school to fill in and verify like any other contact.
import type { Area, Contact } from './packSchema';

export const ladoSlotDescription =
  'For allegations and concerns about adults who work with children: the case manager consults the LADO within one working day (Keeping Children Safe in Education, Part 4).';

/** The pack's contacts with an empty LADO slot added for each council that has none (one for the pack if no councils). */
export function withLadoSlots(pack: { contacts: readonly Contact[]; areas: readonly Area[] }): Contact[] {
  const councils = pack.areas.filter((area) => area.kind === 'council');
  const hasLado = (areaId: string | null) => pack.contacts.some((contact) => contact.role === 'lado' && (areaId === null || !contact.areaIds?.length || contact.areaIds.includes(areaId)));
  const slot = (id: string, name: string, areaIds?: string[]): Contact => ({
    id,
    name,
    role: 'lado',
    description: ladoSlotDescription,
    ...(areaIds ? { areaIds } : {}),
    availability: { kind: 'unknown' },
    verifiedOn: null,
    source: 'product',
  });
  const slots =
    councils.length === 0
      ? hasLado(null)
        ? []
        : [slot('lado', 'LADO (local authority designated officer)')]
      : councils.filter((council) => !hasLado(council.id)).map((council) => slot(`lado-${council.id}`, `${council.name} LADO (local authority designated officer)`, [council.id]));
  return [...pack.contacts, ...slots];
}
