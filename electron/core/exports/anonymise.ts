// The anonymised chronology for external meetings: staff names become their roles and other children's names are
// redacted. Names are matched whole-word and case-insensitively; longer names first, so "Ben Cole" is replaced
// before "Ben".
import { pupilDisplayName } from '../pupils/pupilDirectory';
import type { Store } from '../store';
import { staffRoles } from './fileSources';

export const REDACTED_CHILD = '[another child]';

export interface Anonymiser {
  (text: string): string;
  roleFor(staffName: string): string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function anonymiserFor(db: Store, pupilId: string): Anonymiser {
  const child = db.prepare('SELECT legal_first_name, legal_last_name, preferred_name FROM pupils WHERE id = ?').get(pupilId) as { legal_first_name: string; legal_last_name: string; preferred_name: string | null };
  const ownNames = new Set([child.legal_first_name, child.legal_last_name, child.preferred_name ?? ''].map((name) => name.toLowerCase()));
  const replacements: Array<[string, string]> = [];
  const staff = staffRoles(db);
  for (const member of staff) {
    replacements.push([member.name, `[${member.role}]`]);
    // "Mr Patel" or "Patel" in someone's account: a surname alone is a name too, unless it is the child's own.
    const parts = member.name.split(/\s+/).filter((part) => part.length >= 3 && !ownNames.has(part.toLowerCase()));
    for (const part of parts) replacements.push([part, `[${member.role}]`]);
  }
  // Every other child's full name, and the given names of children who appear in this child's concerns.
  const others = db.prepare('SELECT id, legal_first_name, legal_last_name, preferred_name FROM pupils WHERE id <> ?').all(pupilId) as Array<{ id: string; legal_first_name: string; legal_last_name: string; preferred_name: string | null }>;
  const involved = new Set(db.prepare('SELECT DISTINCT other.pupil_id FROM concern_pupils mine JOIN concern_pupils other ON other.concern_id = mine.concern_id WHERE mine.pupil_id = ? AND other.pupil_id <> ?').pluck().all(pupilId, pupilId) as string[]);
  for (const other of others) {
    const full = pupilDisplayName({ legalFirstName: other.legal_first_name, legalLastName: other.legal_last_name, preferredName: other.preferred_name });
    replacements.push([full, REDACTED_CHILD], [`${other.legal_first_name} ${other.legal_last_name}`, REDACTED_CHILD]);
    if (other.preferred_name) replacements.push([`${other.preferred_name} ${other.legal_last_name}`, REDACTED_CHILD]);
    if (involved.has(other.id)) {
      for (const given of [other.legal_first_name, other.preferred_name, other.legal_last_name]) {
        if (given && given.length >= 2 && !ownNames.has(given.toLowerCase())) replacements.push([given, REDACTED_CHILD]);
      }
    }
  }
  const ordered = [...new Map(replacements.map(([name, replacement]) => [name.toLowerCase(), [name, replacement] as const])).values()].sort((a, b) => b[0].length - a[0].length);
  const patterns = ordered.map(([name, replacement]) => [new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'giu'), replacement] as const);
  const anonymise = ((text: string) => patterns.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text)) as Anonymiser;
  anonymise.roleFor = (staffName: string) => (staffName ? (staff.find((member) => member.name === staffName)?.role ?? anonymise(staffName)) : '');
  return anonymise;
}
