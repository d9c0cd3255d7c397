// Active sessions (DSL and administrator): everyone signed in now, on which computer, since when — and ending a
// session, for a laptop lost or left signed in. Ending asks first; one's own session is ended by signing out.
import { useCallback, useEffect, useRef, useState } from 'react';
import { roleLabels, type ActiveSession, type AppError } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import { describeComputer } from '../../../../shared/text';
import { invoke } from '../../api';
import { AlertMessage, Button, ButtonGroup, LinkButton, PageHeading, StatusMessage } from '../../components';

/** A password without its code is not a sign-in: said plainly, so a password used by someone else stands out. */
const stateLabels: Record<ActiveSession['state'], string> = { active: 'Active', locked: 'Locked', waiting_for_code: 'Waiting for a code (not signed in yet)' };

function whereFrom(session: ActiveSession): string {
  const computer = describeComputer(session.computer);
  return session.address ? `${computer}, ${session.address}` : computer;
}

function ConfirmEnd({ session, busy, onConfirm, onCancel }: { session: ActiveSession; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="end-session-heading">
      <h2 id="end-session-heading" ref={heading} tabIndex={-1}>
        End {session.displayName}’s session?
      </h2>
      <p>
        {session.displayName} will be signed out on {whereFrom(session)} at once. Anything they have typed but not saved stays on that screen until they sign in again. This is recorded in
        the audit trail.
      </p>
      <ButtonGroup>
        <Button variant="warning" busy={busy} busyLabel="Ending…" onClick={onConfirm}>
          End the session
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </ButtonGroup>
    </section>
  );
}

export function SessionsPage() {
  const [sessions, setSessions] = useState<ActiveSession[] | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState<ActiveSession | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await invoke('sessions.list', {});
    if (result.ok) {
      setSessions(result.value);
      setProblem(null);
    } else if (result.error.code !== 'locked') setProblem(result.error);
  }, []);

  useEffect(() => {
    let current = true;
    void invoke('sessions.list', {}).then((result) => {
      if (!current) return;
      if (result.ok) setSessions(result.value);
      else setProblem(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  const end = async (session: ActiveSession) => {
    setBusy(true);
    const result = await invoke('sessions.end', { ref: session.ref });
    setBusy(false);
    setConfirming(null);
    if (result.ok) setDone(`${session.displayName}’s session on ${whereFrom(session)} has ended. They will need to sign in again.`);
    else setProblem(result.error);
    await load();
  };

  return (
    <section className="page">
      <PageHeading caption="Accounts">Active sessions</PageHeading>
      <p className="lead">Everyone signed in now, and on which computer. If a laptop is lost or left signed in, end its session here; then disable the account or reset the password if the password may be known.</p>
      {done && (
        <StatusMessage title="Session ended">
          <p>{done}</p>
        </StatusMessage>
      )}
      {problem && (
        <AlertMessage title="That did not work">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      {confirming && <ConfirmEnd session={confirming} busy={busy} onCancel={() => setConfirming(null)} onConfirm={() => void end(confirming)} />}
      <ButtonGroup>
        <Button variant="secondary" onClick={() => void load()}>
          Refresh the list
        </Button>
      </ButtonGroup>
      {sessions ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Active sessions, {sessions.length} in all</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Role</th>
                <th scope="col">Computer</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.ref}>
                  <th scope="row">
                    {session.displayName}
                    {session.yours && <span className="muted"> (you)</span>}
                  </th>
                  <td>{roleLabels[session.role]}</td>
                  <td>{whereFrom(session)}</td>
                  <td>{formatDateTime(new Date(session.startedAt))}</td>
                  <td>{formatDateTime(new Date(session.lastActivity))}</td>
                  <td>{stateLabels[session.state]}</td>
                  <td>
                    {session.yours ? (
                      <span className="muted">To end this one, sign out instead</span>
                    ) : (
                      <LinkButton
                        onClick={() => {
                          setDone(null);
                          setProblem(null);
                          setConfirming(session);
                        }}
                      >
                        End session<span className="visually-hidden"> of {session.displayName} on {whereFrom(session)}</span>
                      </LinkButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        !problem && <p className="loading">Loading sessions…</p>
      )}
    </section>
  );
}
