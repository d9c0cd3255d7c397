export { localAuthorities, localAuthorityIds, packForLocalAuthority } from './localAuthorities';
export type { LocalAuthorityId } from './localAuthorities';
export { upnCheckLetter, upnCheckLetterMatches } from './upn';
