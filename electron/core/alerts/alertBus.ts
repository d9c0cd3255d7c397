// Pushed alerts: a concern saved on any computer reaches every DSL's open page at once. An alert says only that
// something arrived and how urgent it is — never a child's name or a word of the concern — so it may travel to any
// page or notification; each page then asks for the rest under its own session.
import type { Store } from '../store';

export interface Alert {
  kind: 'concern.new' | 'concern.reminder';
  /** Whether a member of staff marked it immediate danger (for a reminder: whether any such concern is unread). */
  immediateDanger: boolean;
  at: string;
}

type Listener = (alert: Alert) => void;

/** How often unread immediate-danger concerns are announced again, until someone opens them. */
export const REMINDER_INTERVAL_MS = 60_000;

export class AlertBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(alert: Alert): void {
    // One listener's failure (a closed socket) must not keep the alert from the others.
    for (const listener of this.listeners) {
      try {
        listener(alert);
      } catch {
        /* the listener's own door deals with its closed connection */
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

/** How many concerns marked immediate danger nobody has yet opened. */
export function unreadImmediateDanger(db: Store): number {
  return db.prepare("SELECT count(*) FROM concerns WHERE status = 'new' AND immediate_danger = 1").pluck().get() as number;
}
