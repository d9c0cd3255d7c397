// Unique Pupil Numbers in the DfE's format: a check letter, then the 3-digit local-authority number, the 4-digit
// establishment number, the 2-digit year of allocation and a 3-digit serial.

/** The check letters: the alphabet without I, O and S, which could be misread. */
const checkLetters = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The DfE check letter: digits 2–13 weighted 2–13, summed, modulo 23. */
export function upnCheckLetter(twelveDigits: string): string {
  if (!/^\d{12}$/.test(twelveDigits)) throw new Error('A UPN has 12 digits after its check letter.');
  let sum = 0;
  for (let index = 0; index < 12; index += 1) sum += Number(twelveDigits[index]) * (index + 2);
  return checkLetters[sum % 23]!;
}

export function makeUpn(parts: { localAuthority: number; establishment: number; yearAllocated: number; serial: number }): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const digits = `${pad(parts.localAuthority, 3)}${pad(parts.establishment, 4)}${pad(parts.yearAllocated % 100, 2)}${pad(parts.serial, 3)}`;
  return `${upnCheckLetter(digits)}${digits}`;
}

export function isValidUpn(upn: string): boolean {
  return /^[A-Z]\d{12}$/.test(upn) && upnCheckLetter(upn.slice(1)) === upn[0];
}
