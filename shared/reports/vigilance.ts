// Breadth of vigilance: how many different members of staff recorded at least one concern.
import { staffGroups, type StaffGroup } from '../access/roles';
import type { ReportStaffMember } from './reportData';

export interface Vigilance {
  /** Accounts active at some time in the period. */
  active: ReportStaffMember[];
  /** Ids of active accounts that recorded at least one concern in the period. */
  logged: Set<string>;
  byGroup: Record<StaffGroup, { active: number; logged: number }>;
}

/** Active in the period: created before it ended, and not disabled before it began. */
export function activeInPeriod(member: ReportStaffMember, start: string, end: string): boolean {
  if (member.createdAt >= end) return false;
  if (member.status === 'active') return true;
  // A disabled account with no date is treated as disabled all along, so it never inflates the denominator.
  return member.disabledAt !== null && member.disabledAt >= start;
}

export function vigilanceOf(authorIds: readonly string[], staff: readonly ReportStaffMember[], start: string, end: string): Vigilance {
  const authors = new Set(authorIds);
  const active = staff.filter((member) => activeInPeriod(member, start, end));
  const logged = new Set(active.filter((member) => authors.has(member.id)).map((member) => member.id));
  const byGroup = Object.fromEntries(staffGroups.map((group) => [group, { active: 0, logged: 0 }])) as Vigilance['byGroup'];
  for (const member of active) {
    byGroup[member.staffGroup].active += 1;
    if (logged.has(member.id)) byGroup[member.staffGroup].logged += 1;
  }
  return { active, logged, byGroup };
}
