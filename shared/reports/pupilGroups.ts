// Roster values grouped the way the report counts them. MIS exports write these many ways ("K - SEN Support",
// "F", "Female"), so each is mapped to a short fixed list; anything unrecognised joins the "not recorded" group.

export const senGroups = [
  { key: 'none', label: 'No SEN' },
  { key: 'sen_support', label: 'SEN support' },
  { key: 'ehc_plan', label: 'EHC plan' },
  { key: 'unknown', label: 'Not recorded or other' },
] as const;
export type SenGroup = (typeof senGroups)[number]['key'];

export function senGroupOf(senStatus: string | null): SenGroup {
  const value = (senStatus ?? '').trim().toLowerCase();
  if (value === '') return 'unknown';
  if (/^e\b|ehc|education,? health/.test(value)) return 'ehc_plan';
  if (/^k\b|sen support|school action/.test(value)) return 'sen_support';
  if (/^n\b|^no\b|no special|^none/.test(value)) return 'none';
  return 'unknown';
}

export const genderGroups = [
  { key: 'female', label: 'Female' },
  { key: 'male', label: 'Male' },
  { key: 'other', label: 'Another description or not recorded' },
] as const;
export type GenderGroup = (typeof genderGroups)[number]['key'];

export function genderGroupOf(gender: string | null): GenderGroup {
  const value = (gender ?? '').trim().toLowerCase();
  if (value === 'f' || value === 'female' || value === 'girl') return 'female';
  if (value === 'm' || value === 'male' || value === 'boy') return 'male';
  return 'other';
}

/** Year groups in school order, from nursery to sixth form. */
const yearOrder = ['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'] as const;
const yearPosition = new Map<string, number>(yearOrder.map((code, index) => [code, index]));
export const NOT_RECORDED_YEAR = 'not_recorded';

export function yearGroupLabel(key: string): string {
  if (key === NOT_RECORDED_YEAR) return 'Not recorded';
  if (key === 'R') return 'Reception';
  if (key === 'N1' || key === 'N2') return `Nursery ${key.slice(1)}`;
  return /^\d+$/.test(key) ? `Year ${key}` : key;
}

/** Sorts year-group keys in school order; unfamiliar codes after, then "not recorded". */
export function compareYearGroups(a: string, b: string): number {
  const rank = (key: string) => (key === NOT_RECORDED_YEAR ? 1_000 : (yearPosition.get(key) ?? 500));
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** The school year (by its starting calendar year) that holds a yyyy-MM-dd date. */
export function schoolYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
}

/**
 * The year group a child was in during school year `atSchoolYear`: the roster's year group now, moved back one for
 * each September since (counting only up to the day they left, when they stopped moving up). Codes outside the usual
 * list are kept as they are.
 */
export function yearGroupAt(yearGroupNow: string | null, referenceSchoolYear: number, atSchoolYear: number): string {
  const code = (yearGroupNow ?? '').trim().toUpperCase();
  if (code === '') return NOT_RECORDED_YEAR;
  const position = yearPosition.get(code);
  if (position === undefined) return code;
  const then = position - (referenceSchoolYear - atSchoolYear);
  return then >= 0 && then < yearOrder.length ? yearOrder[then]! : NOT_RECORDED_YEAR;
}
