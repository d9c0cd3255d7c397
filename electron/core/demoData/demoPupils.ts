// The synthetic roster: families with siblings, year groups that match dates of birth, registration groups of
// about thirty, real-format UPNs with correct check letters, SEN status and gender as an MIS exports them.
import { v7 as uuidv7 } from 'uuid';
import type { NewPupil } from '../pupils';
import { boysFirstNames, girlsFirstNames, preferredForms, surnames } from './names';
import type { Random } from './random';
import { birthDateRange, dayBetween, yearGroupCodes } from './schoolCalendar';
import { makeUpn } from './upn';

export type SchoolPhase = 'primary' | 'secondary' | 'all-through';
export const schoolPhases: readonly SchoolPhase[] = ['primary', 'secondary', 'all-through'];

/** Year indexes (0 = Reception) a school of each phase teaches. */
export function yearIndexesFor(phase: SchoolPhase): number[] {
  const [first, last] = phase === 'primary' ? [0, 6] : phase === 'secondary' ? [7, 13] : [0, 13];
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

export interface DemoPupil extends NewPupil {
  id: string;
  /** 0 = Reception … 13 = Year 13, in the school year the demo is set in. */
  yearIndex: number;
  /** Some children are the subject of many concerns; most of none or one. */
  concernWeight: number;
}

const towns = [
  { town: 'Worcester', postcode: 'WR1' }, { town: 'Worcester', postcode: 'WR4' }, { town: 'Redditch', postcode: 'B97' },
  { town: 'Kidderminster', postcode: 'DY10' }, { town: 'Bromsgrove', postcode: 'B60' }, { town: 'Malvern', postcode: 'WR14' },
] as const;
const streets = ['High Street', 'Church Lane', 'Station Road', 'Victoria Road', 'Mill Lane', 'Park Avenue', 'Queens Road', 'The Crescent', 'Oak Close', 'Meadow Way', 'Orchard Drive', 'Brook Street'] as const;
const inwardLetters = ['AB', 'BD', 'DE', 'EF', 'HJ', 'LN', 'NP', 'PQ', 'RT', 'UW', 'XY'] as const;
const senStatuses: ReadonlyArray<readonly [string, number]> = [['N - No Special Educational Need', 83], ['K - SEN Support', 13], ['E - EHC Plan', 4]];
/** Local-authority numbers a child's UPN may have been allocated under (e.g. 885 Worcestershire). */
const otherLocalAuthorities = [885, 855, 856, 857, 320, 212, 330, 926] as const;

/** Ofcom keeps 07700 900000–900999 for drama: a demo phone number can never ring a real person. */
const dramaPhoneNumber = (random: Random) => `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;

interface Household {
  id: string;
  surname: string;
  address: string;
  postcode: string;
  contacts: DemoPupil['contacts'];
  left: number;
}

function newHousehold(random: Random): Household {
  const surname = random.pick(surnames);
  const place = random.pick(towns);
  const parent = random.weighted<[string, string]>([[['Mother', random.pick(girlsFirstNames)], 6], [['Father', random.pick(boysFirstNames)], 3], [['Grandparent', random.pick(girlsFirstNames)], 1]]);
  const contacts: Array<DemoPupil['contacts'][number]> = [{ name: `${parent[1]} ${surname}`, relationship: parent[0], phone: dramaPhoneNumber(random), parentalResponsibility: parent[0] !== 'Grandparent' }];
  if (random.chance(0.6)) contacts.push({ name: `${random.pick(boysFirstNames)} ${random.chance(0.7) ? surname : random.pick(surnames)}`, relationship: 'Father', phone: dramaPhoneNumber(random), parentalResponsibility: true });
  return {
    id: `household-${Array.from(random.bytes(12), (byte) => byte.toString(16).padStart(2, '0')).join('')}`,
    surname,
    address: `${random.int(1, 180)} ${random.pick(streets)}, ${place.town}`,
    postcode: `${place.postcode} ${random.int(1, 9)}${random.pick(inwardLetters)}`,
    contacts,
    left: random.weighted([[1, 65], [2, 28], [3, 7]]),
  };
}

/** Year groups weighted by size: sixth forms are smaller than the years below them. */
const yearWeight = (yearIndex: number) => (yearIndex >= 12 ? 0.6 : 1);

export function generatePupils(random: Random, count: number, phase: SchoolPhase, schoolYearStart: number, earliestYearStart: number): DemoPupil[] {
  const years = yearIndexesFor(phase);
  const yearChoices = years.map((index) => [index, yearWeight(index)] as const);
  const establishment = random.int(2000, 4999);
  const homeLocalAuthority = 885;
  const serials = new Map<string, number>();
  const pupils: DemoPupil[] = [];
  let household: Household | null = null;

  for (let index = 0; index < count; index += 1) {
    if (!household || household.left === 0) household = newHousehold(random);
    household.left -= 1;
    const yearIndex = random.weighted(yearChoices);
    const range = birthDateRange(yearIndex, schoolYearStart);
    const dateOfBirth = dayBetween(range.from, range.to, random.next());
    const female = random.chance(0.49);
    const legalFirstName = random.pick(female ? girlsFirstNames : boysFirstNames);
    const shortForms = preferredForms[legalFirstName];
    const preferredName = shortForms && random.chance(0.4) ? random.pick(shortForms) : null;
    // Most children got their UPN when they started school here; others arrived from elsewhere.
    const startYear = schoolYearStart - (yearIndex - years[0]!);
    const allocatedHere = phase !== 'secondary' && random.chance(0.8);
    const upnParts = allocatedHere
      ? { localAuthority: homeLocalAuthority, establishment, yearAllocated: schoolYearStart - yearIndex }
      : { localAuthority: random.pick(otherLocalAuthorities), establishment: random.int(2000, 4999), yearAllocated: schoolYearStart - yearIndex };
    const serialKey = `${upnParts.localAuthority}/${upnParts.establishment}/${upnParts.yearAllocated}`;
    const serial = (serials.get(serialKey) ?? random.int(0, 40)) + 1;
    serials.set(serialKey, serial);
    if (serial > 999) {
      index -= 1; // that school's numbers for the year are used up: draw this child again elsewhere
      continue;
    }
    const createdAt = `${Math.max(startYear, earliestYearStart)}-09-01T07:00:00.000Z`;
    pupils.push({
      id: uuidv7({ msecs: Date.parse(createdAt) + index, random: random.bytes(16) }),
      upn: makeUpn({ ...upnParts, serial }),
      legalFirstName,
      legalLastName: household.surname,
      preferredName,
      dateOfBirth,
      yearGroup: yearGroupCodes[yearIndex]!,
      registrationGroup: null,
      gender: female ? 'F' : 'M',
      senStatus: random.weighted(senStatuses),
      householdId: household.id,
      address: household.address,
      postcode: household.postcode,
      contacts: household.contacts,
      createdAt,
      createdBy: null,
      yearIndex,
      concernWeight: random.chance(0.12) ? 12 : 1,
    });
  }
  assignRegistrationGroups(pupils);
  return pupils;
}

/** Forms of about thirty per year group, named by year and letter (7A, 7B, RA…), as most MIS exports show them. */
function assignRegistrationGroups(pupils: DemoPupil[]): void {
  const byYear = new Map<number, DemoPupil[]>();
  for (const pupil of pupils) byYear.set(pupil.yearIndex, [...(byYear.get(pupil.yearIndex) ?? []), pupil]);
  for (const [yearIndex, inYear] of byYear) {
    const forms = Math.max(1, Math.ceil(inYear.length / 30));
    inYear.forEach((pupil, position) => {
      pupil.registrationGroup = `${yearGroupCodes[yearIndex]}${String.fromCharCode(65 + (position % forms))}`;
    });
  }
}
