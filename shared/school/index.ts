export { localAuthorities, localAuthorityIds } from './localAuthorities';
export type { LocalAuthorityId } from './localAuthorities';
export { upnCheckLetter, upnCheckLetterMatches } from './upn';
