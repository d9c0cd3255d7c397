// The DSL is told at once: a badge in the masthead (pushed by the hub as each concern is saved, and polled every
// 15 seconds as a safety net), an operating-system notification when
// a new concern arrives — loud for immediate danger, and never with a child's name in it — and, on the home page,
// the new concerns themselves, immediate danger first.
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { concernChildLabel, type newConcernAlertSchema, type newConcernSummarySchema } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { listenForAlerts } from '../../api/events';
import { useApp } from '../../app/AppContext';
import { hrefFor } from '../../app/routes';
import './concerns.css';

type Alerts = z.infer<typeof newConcernAlertSchema>;
type NewConcern = z.infer<typeof newConcernSummarySchema>;

const POLL_MS = 15_000;
const askedKey = 'safeguarding.notificationsAsked';

const notificationsSupported = () => typeof window !== 'undefined' && 'Notification' in window;

function alreadyAsked(): boolean {
  try {
    return window.localStorage.getItem(askedKey) === 'yes';
  } catch {
    return false;
  }
}

/** Tells the operating system; the words say only that something arrived, so a locked or shared screen leaks nothing. */
function notify(immediateDanger: boolean, onOpen: () => void) {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  const notification = immediateDanger
    ? new Notification('IMMEDIATE DANGER concern logged — open Safeguarding Records now', {
        body: 'A member of staff has flagged a child in immediate danger. Find them and act now.',
        tag: 'safeguarding-immediate-danger',
        requireInteraction: true,
      })
    : new Notification('New concern logged', { body: 'A member of staff has logged a new concern. Open Safeguarding Records to read it.', tag: 'safeguarding-new-concern' });
  notification.onclick = () => {
    window.focus();
    onOpen();
    notification.close();
  };
}

/** The masthead badge for a DSL. Polls only while the app is unlocked. */
export function NewConcernBadge() {
  const { status, navigate } = useApp();
  // Not while an authenticator app is still to be set up: the hub would refuse the question anyway.
  const signedIn = status.state === 'signed_in' && !status.mustEnrolSecondFactor;
  const [alerts, setAlerts] = useState<Alerts | null>(null);
  const [mayAsk, setMayAsk] = useState(() => notificationsSupported() && Notification.permission === 'default' && !alreadyAsked());
  const previous = useRef<Alerts | null>(null);

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    const poll = async () => {
      const result = await invoke('concerns.alerts', {});
      if (!live || !result.ok) return;
      const before = previous.current;
      const now = result.value;
      // The first answer is the baseline: only concerns that arrive while the app is open make a notification.
      if (before && now.latestRecordedAt && now.latestRecordedAt !== before.latestRecordedAt && (before.latestRecordedAt === null || now.latestRecordedAt > before.latestRecordedAt)) {
        notify(now.immediateDangerCount > before.immediateDangerCount, () => navigate('queue'));
      }
      previous.current = now;
      setAlerts(now);
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    // Pushed by the hub the moment a concern is saved anywhere in the school; the poll stays as a safety net.
    const stopListening = listenForAlerts((alert) => {
      // Unread immediate danger keeps sounding until someone opens it, even though the count has not changed.
      if (alert.kind === 'concern.reminder') notify(true, () => navigate('queue'));
      void poll();
    });
    return () => {
      live = false;
      window.clearInterval(timer);
      stopListening();
    };
  }, [signedIn, navigate]);

  const askPermission = () => {
    try {
      window.localStorage.setItem(askedKey, 'yes');
    } catch {
      // Without storage the button simply comes back next time.
    }
    setMayAsk(false);
    void Notification.requestPermission();
  };

  const count = alerts?.newCount ?? 0;
  const danger = alerts?.immediateDangerCount ?? 0;

  return (
    <div className="masthead-alerts">
      <a
        className={danger > 0 ? 'alert-badge alert-badge--danger' : 'alert-badge'}
        href={hrefFor('queue')}
        onClick={(event) => {
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          navigate('queue');
        }}
      >
        {danger > 0 && <span className="alert-badge__danger">Immediate danger</span>}
        <span className="alert-badge__new">
          <span>New concerns</span>
          <span className="alert-badge__count">{count}</span>
        </span>
        <span className="visually-hidden">
          {danger > 0 ? `, ${danger} with a child in immediate danger` : ''}. Open the review queue.
        </span>
      </a>
      {mayAsk && (
        <button type="button" className="button button--quiet" onClick={askPermission}>
          Turn on desktop alerts
        </button>
      )}
    </div>
  );
}

/** The DSL's home card: how many new concerns, immediate danger first, each linked. */
export function NewConcernsSummary() {
  const [concerns, setConcerns] = useState<NewConcern[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('concerns.listNew', {}).then((result) => {
      if (!live) return;
      if (result.ok) setConcerns(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, []);

  if (problem) return <p>{problem}</p>;
  if (!concerns) return <p className="muted">Looking for new concerns…</p>;
  if (concerns.length === 0) return <p className="new-concerns__count">No new concerns. Everything logged has been read.</p>;
  const danger = concerns.filter((concern) => concern.immediateDanger).length;
  const shown = concerns.slice(0, 8);
  return (
    <>
      <p className="new-concerns__count">
        <strong>
          {concerns.length} new {concerns.length === 1 ? 'concern' : 'concerns'}
        </strong>
        {danger > 0 && <>, {danger} with a child in immediate danger</>}
      </p>
      <ul className="new-concerns">
        {shown.map((concern) => (
          <li key={concern.id}>
            {concern.immediateDanger && (
              <>
                <span className="status-tag status-tag--danger">Immediate danger</span>{' '}
              </>
            )}
            {!concern.immediateDanger && concern.urgent && (
              <>
                <span className="status-tag status-tag--submitted">Urgent</span>{' '}
              </>
            )}
            <a href={hrefFor('concern', { concernId: concern.id })}>{concernChildLabel(concern)}</a>
            <span className="muted">
              {' '}
              — logged {formatDateTime(new Date(concern.recordedAt))} by {concern.authorName}
            </span>
          </li>
        ))}
      </ul>
      {concerns.length > shown.length && <p>And {concerns.length - shown.length} more in the review queue.</p>}
    </>
  );
}
