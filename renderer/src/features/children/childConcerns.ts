// The child's concerns as the file lists them, with their place in the lifecycle, shaped for choosing one in a form.
import type { ChildFile } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import type { FieldMessages } from '../../components';

export interface ChildConcern {
  id: string;
  at: string;
  summary: string;
  by: string;
  immediateDanger: boolean;
  closed: boolean;
  statusLabel: string;
  /** "23/11/2026 08:00 — Bruise on left forearm…", for choosing one in a list. */
  label: string;
  /** The concern's version as read, sent back when closing it. */
  version: number;
}

const statusLabels = { new: 'New — not yet read', read: 'Read', open: 'Open', closed: 'Closed' } as const;

export function concernsFrom(concerns: ChildFile['concerns']): ChildConcern[] {
  return concerns.map((concern) => {
    const summary = concern.summary.length > 70 ? `${concern.summary.slice(0, 69)}…` : concern.summary;
    return {
      id: concern.id,
      at: concern.occurredAt,
      summary: concern.summary,
      by: concern.authorName,
      immediateDanger: concern.immediateDanger,
      closed: concern.status === 'closed',
      statusLabel: statusLabels[concern.status],
      label: `${formatDateTime(new Date(concern.occurredAt))} — ${summary}`,
      version: concern.version,
    };
  });
}

/** The consent reason is required unless consent was given; said at once, not only after every other field is right. */
export function consentExtra(consent: string, reason: string): FieldMessages {
  if (consent === '' || consent === 'given' || reason.trim() !== '') return {};
  return { consentReason: consent === 'refused' ? 'Say why you are going ahead without consent' : 'Say why consent was not sought' };
}
