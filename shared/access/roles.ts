// Who is who. Permissions are a table, enforced in dispatch; the page only mirrors them.

// A governor (the chair of governors) signs in only to receive concerns and allegations about the headteacher
// (KCSIE Part 4): the role opens nothing else (docs/decisions/0020).
export const roles = ['staff', 'dsl', 'head', 'admin', 'governor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  staff: 'Member of staff',
  dsl: 'Designated safeguarding lead (or deputy)',
  head: 'Headteacher',
  admin: 'Administrator / IT',
  governor: 'Governor (chair of governors)',
};

/** What kind of job a person does; the culture reports count breadth of vigilance by it. */
export const staffGroups = ['teaching', 'support', 'midday', 'office', 'leadership', 'other'] as const;
export type StaffGroup = (typeof staffGroups)[number];

export const staffGroupLabels: Record<StaffGroup, string> = {
  teaching: 'Teaching',
  support: 'Support staff (e.g. teaching assistant)',
  midday: 'Midday supervisor',
  office: 'Office and premises',
  leadership: 'Leadership',
  other: 'Other (e.g. volunteer, visiting staff)',
};
