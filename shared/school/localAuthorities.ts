// The councils the shipped local-authority packs cover. Until a school picks a pack (the packs feature), setup
// records only which council the school is in.

export const localAuthorities = [
  { id: 'waltham-forest', name: 'Waltham Forest' },
  { id: 'wandsworth', name: 'Wandsworth' },
  { id: 'leicester', name: 'Leicester City' },
  { id: 'leicestershire', name: 'Leicestershire' },
  { id: 'rutland', name: 'Rutland' },
  { id: 'worcestershire', name: 'Worcestershire' },
  { id: 'other', name: 'Another local authority (no pack yet)' },
] as const;

export type LocalAuthorityId = (typeof localAuthorities)[number]['id'];
export const localAuthorityIds = localAuthorities.map((la) => la.id) as [LocalAuthorityId, ...LocalAuthorityId[]];
