// Unique Pupil Numbers in the DfE's format: a check letter, then the 3-digit local-authority number, the 4-digit
// establishment number, the 2-digit year of allocation and a 3-digit serial. The check letter is the shared rule.
import { upnCheckLetter, upnCheckLetterMatches } from '../../../shared/school/upn';

export { upnCheckLetter };

export function makeUpn(parts: { localAuthority: number; establishment: number; yearAllocated: number; serial: number }): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const digits = `${pad(parts.localAuthority, 3)}${pad(parts.establishment, 4)}${pad(parts.yearAllocated % 100, 2)}${pad(parts.serial, 3)}`;
  return `${upnCheckLetter(digits)}${digits}`;
}

export function isValidUpn(upn: string): boolean {
  return /^[A-Z]\d{12}$/.test(upn) && upnCheckLetterMatches(upn);
}
