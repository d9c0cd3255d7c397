// Pushed alerts from the hub (or the loopback host): a server-sent event stream the page listens to while a DSL is
// signed in, so a new concern shows within a second or two instead of at the next poll. Events carry no details:
// on each one the page asks for the rest under its own session. Inside the Electron window there is no stream; the
// poll does the work there.

export interface PushedAlert {
  kind: 'concern.new' | 'concern.reminder';
  immediateDanger: boolean;
}

/** Listens for alerts; returns the way to stop. The browser reconnects by itself if the hub restarts. */
export function listenForAlerts(onAlert: (alert: PushedAlert) => void): () => void {
  if (window.safeguarding || typeof EventSource === 'undefined') return () => undefined;
  const stream = new EventSource('./api/events');
  const handle = (event: MessageEvent<string>) => {
    try {
      const alert = JSON.parse(event.data) as PushedAlert;
      onAlert({ kind: alert.kind, immediateDanger: alert.immediateDanger === true });
    } catch {
      // A malformed event is ignored: the next poll still brings the count up to date.
    }
  };
  stream.addEventListener('concern.new', handle as EventListener);
  stream.addEventListener('concern.reminder', handle as EventListener);
  return () => stream.close();
}
