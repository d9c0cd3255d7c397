// The DfE's Unique Pupil Number: a check letter, then the LA number (3 digits), the establishment number (4), the
// year of allocation (2) and a serial (3 digits, or 2 digits and a letter for a temporary UPN).

/** The check letters, A = 0 … Z = 22: the alphabet without I, O and S, which could be misread. */
const checkLetters = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * The check letter for the 12 characters after it: each character times its position (2–13), summed, modulo 23.
 * A temporary UPN's final letter counts as its place in the same alphabet (DfE, "Unique pupil numbers").
 */
export function upnCheckLetter(lastTwelve: string): string {
  if (!/^\d{11}[0-9A-HJ-NPQRT-Z]$/.test(lastTwelve)) throw new RangeError('A UPN has 11 digits and a digit or letter after its check letter.');
  let sum = 0;
  for (let index = 0; index < 12; index += 1) {
    const character = lastTwelve[index]!;
    const value = /\d/.test(character) ? Number(character) : checkLetters.indexOf(character);
    sum += value * (index + 2);
  }
  return checkLetters[sum % 23]!;
}

/** True when the UPN's first letter is the check letter its other 12 characters give. */
export function upnCheckLetterMatches(upn: string): boolean {
  return /^[A-Z]\d{11}[0-9A-HJ-NPQRT-Z]$/.test(upn) && upnCheckLetter(upn.slice(1)) === upn[0];
}
