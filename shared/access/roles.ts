// Who is who. Permissions are a table, enforced in dispatch; the page only mirrors them.

export const roles = ['staff', 'dsl', 'head', 'admin'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  staff: 'Member of staff',
  dsl: 'Designated safeguarding lead (or deputy)',
  head: 'Headteacher',
  admin: 'Administrator / IT',
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
