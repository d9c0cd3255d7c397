// The synthetic staff: roughly the mix of a real school's workforce, with a headteacher, deputy DSLs and an
// administrator among them. Accounts are created without passwords: nobody can sign in as them until a password
// is set (the CLI can set a demo password for one of each role).
import { v7 as uuidv7 } from 'uuid';
import type { Role, StaffGroup } from '../../../shared/api';
import { adultTitles, boysFirstNames, girlsFirstNames, surnames } from './names';
import type { Random } from './random';

export interface DemoStaffMember {
  id: string;
  username: string;
  displayName: string;
  /** How the children address them ("Mrs Khan"). */
  title: string;
  role: Role;
  staffGroup: StaffGroup;
}

/** Proportions from the School Workforce in England statistics, rounded: teachers and TAs are most of a school. */
const groupShares: ReadonlyArray<readonly [StaffGroup, number]> = [
  ['teaching', 42],
  ['support', 30],
  ['midday', 8],
  ['office', 8],
  ['leadership', 7],
  ['other', 5],
];

export function staffCountFor(pupils: number): number {
  return Math.max(15, Math.round(pupils / 7));
}

const asciiUsername = (first: string, last: string) => `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9.-]/g, '');

export function generateStaff(random: Random, count: number, takenUsernames: ReadonlySet<string>, createdAtMs: number): DemoStaffMember[] {
  const usernames = new Set(takenUsernames);
  const deputies = 2 + Math.floor(count / 120);
  const admins = 1 + Math.floor(count / 150);
  const staff: DemoStaffMember[] = [];
  for (let index = 0; index < count; index += 1) {
    const female = random.chance(0.75); // three in four school staff are women
    const first = random.pick(female ? girlsFirstNames : boysFirstNames);
    const last = random.pick(surnames);
    let username = asciiUsername(first, last);
    for (let suffix = 2; usernames.has(username); suffix += 1) username = `${asciiUsername(first, last)}${suffix}`;
    usernames.add(username);
    // The first few places are the roles every school has; everyone else is a member of staff by job.
    const [role, staffGroup]: [Role, StaffGroup] =
      index === 0 ? ['head', 'leadership']
      : index <= deputies ? ['dsl', index === 1 ? 'leadership' : random.pick<StaffGroup>(['leadership', 'support', 'teaching'])]
      : index <= deputies + admins ? ['admin', 'office']
      : ['staff', random.weighted(groupShares)];
    const title = female ? random.pick(adultTitles.filter((candidate) => candidate !== 'Mr')) : 'Mr';
    staff.push({ id: uuidv7({ msecs: createdAtMs + index, random: random.bytes(16) }), username, displayName: `${first} ${last}`, title: `${title} ${last}`, role, staffGroup });
  }
  return staff;
}
