export { localAuthorities, localAuthorityIds } from './localAuthorities';
export type { LocalAuthorityId } from './localAuthorities';
