// What the author is told about their concern: still in this computer's outbox, sealed and waiting for the records to
// open, received, read by a DSL, or closed — in words, not just colour.
const labels = {
  outbox: 'Saved on this computer — not yet delivered',
  waiting: 'Sealed — waiting for a DSL to open the records',
  submitted: 'Submitted — not yet read',
  read: 'Read by a DSL',
  closed: 'Closed',
} as const;

export function StatusTag({ status }: { status: keyof typeof labels }) {
  return <span className={`status-tag status-tag--${status}`}>{labels[status]}</span>;
}
