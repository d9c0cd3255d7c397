// The councils the shipped local-authority packs cover, and the pack (and council or district within it) that
// setup makes the school's own. A school can change it in Settings; 'other' starts with no pack.

export const localAuthorities = [
  { id: 'waltham-forest', name: 'Waltham Forest', pack: { packId: 'waltham-forest-right-conversation-2016', areaId: 'waltham-forest' } },
  { id: 'wandsworth', name: 'Wandsworth', pack: { packId: 'wandsworth-early-help-2015', areaId: 'wandsworth' } },
  { id: 'leicester', name: 'Leicester City', pack: { packId: 'leicester-leicestershire-rutland-2014', areaId: 'leicester-city' } },
  { id: 'leicestershire', name: 'Leicestershire', pack: { packId: 'leicester-leicestershire-rutland-2014', areaId: 'leicestershire' } },
  { id: 'rutland', name: 'Rutland', pack: { packId: 'leicester-leicestershire-rutland-2014', areaId: 'rutland' } },
  { id: 'worcestershire', name: 'Worcestershire', pack: { packId: 'worcestershire-2019', areaId: 'worcestershire' } },
  { id: 'other', name: 'Another local authority (no pack yet)', pack: null },
] as const;

export type LocalAuthorityId = (typeof localAuthorities)[number]['id'];
export const localAuthorityIds = localAuthorities.map((la) => la.id) as [LocalAuthorityId, ...LocalAuthorityId[]];

/** The pack setup chooses for a council, or null where the app ships none. */
export function packForLocalAuthority(id: LocalAuthorityId): { packId: string; areaId: string } | null {
  return localAuthorities.find((la) => la.id === id)?.pack ?? null;
}
