// The child's file item by item, for a transfer or a subject-access review: every chronology entry, with
// concerns, addenda and decisions in full rather than the chronology's one-line summary.
import type { TransferPackItem } from '../../../shared/exports';
import { chronology } from '../casework/childFile';
import type { Store } from '../store';
import { concernsAbout } from './fileSources';

export function fileItems(db: Store, pupilId: string, viewer: { id: string }, now: Date): TransferPackItem[] {
  const concerns = new Map(concernsAbout(db, pupilId, { id: viewer.id, role: 'dsl' }, now).map((concern) => [concern.id, concern]));
  const fullText = (table: 'decisions' | 'concern_addenda', column: string, id: string) => (db.prepare(`SELECT ${column} FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? null;
  return chronology(db, pupilId).map((entry) => {
    const concern = entry.kind === 'concern' && entry.id.startsWith('concern:') ? concerns.get(entry.recordId) : undefined;
    const sourceId = entry.id.slice(entry.id.indexOf(':') + 1);
    const detail = concern
      ? concern.whatHappened
      : entry.kind === 'decision'
        ? (fullText('decisions', 'reasons', sourceId) ?? entry.detail)
        : entry.kind === 'addendum'
          ? (fullText('concern_addenda', 'text', sourceId) ?? entry.detail)
          : entry.detail;
    return {
      itemId: entry.id,
      kind: entry.kind,
      at: entry.at,
      title: entry.title,
      detail,
      by: entry.by,
      concern: concern
        ? {
            location: concern.location,
            whatHappened: concern.whatHappened,
            childsOwnWords: concern.childWords,
            othersPresent: concern.othersPresent,
            actionTaken: concern.actionTaken,
            categories: concern.categories.map((category) => category.label),
            bodyMap: concern.bodyMap,
            addenda: concern.addenda.map((addendum) => ({ writtenAt: addendum.writtenAt, by: addendum.author, text: addendum.text })),
          }
        : null,
    };
  });
}
