// Unlock at start (decision 0027): whether the hub opens the records by itself when it starts, what that costs, and —
// for a DSL — turning it on or off. Administrators see the state; only a DSL decides it.
import { useEffect, useState, type FormEvent } from 'react';
import { mayChangeUnlockAtStart, type AppError, type UnlockAtStartState } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { useApp } from '../../app/AppContext';
import { AlertMessage, Button, CheckboxField, StatusMessage, Warning } from '../../components';

export function UnlockAtStartSettings() {
  const { status } = useApp();
  const [state, setState] = useState<UnlockAtStartState | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [notTicked, setNotTicked] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState<string | null>(null);
  const decides = status.user ? mayChangeUnlockAtStart(status.user.role) : false;

  useEffect(() => {
    let current = true;
    void invoke('settings.unlockAtStartState', {}).then((result) => {
      if (!current) return;
      if (result.ok) setState(result.value);
      else setProblem(result.error);
    });
    return () => {
      current = false;
    };
  }, []);

  const change = async (event: FormEvent) => {
    event.preventDefault();
    if (!state) return;
    const on = !state.on;
    if (on && !understood) {
      setNotTicked('Confirm that the hub computer is kept as described above');
      return;
    }
    setNotTicked(undefined);
    setBusy(true);
    setChanged(null);
    const result = await invoke('settings.unlockAtStart', { on });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(null);
    setState(result.value);
    setUnderstood(false);
    setChanged(result.value.on ? 'Unlock at start is on. The next time the hub starts, it opens the records by itself.' : 'Unlock at start is off. After its next start the hub stays locked until a DSL signs in.');
  };

  return (
    <section aria-labelledby="settings-unlock-at-start-heading">
      <h2 className="section-title" id="settings-unlock-at-start-heading">
        Unlock at start
      </h2>
      <p>
        After the hub restarts (a power cut, an update) the records stay locked until a DSL signs in. Staff can still sign in and log concerns
        meanwhile: each is sealed and waits, and the first DSL to sign in finds them all, immediate danger first.
      </p>
      <p>
        With unlock at start on, the hub opens the records by itself when it starts, using a secret kept in this computer’s protected storage (the
        Windows Credential Manager, the macOS Keychain, or the Secret Service on Linux). Concerns then reach the records as soon as they are sent.
      </p>
      <Warning>
        Anyone who can run programs as the hub computer’s user account — someone at its keyboard while it is signed in, a remote-support session,
        malware, or a thief if the computer signs itself in — could then open every child’s record without a password, and the audit log would name
        no one. Turn it on only if the hub is in a locked room, its disk is encrypted, it does not sign itself in, and only IT can sign in to it.
      </Warning>
      <p>
        If this computer’s protected storage is lost (the computer is rebuilt, the user profile is replaced, the records are moved to another
        computer), the hub starts locked, unlock at start turns itself off, and the first DSL to sign in is told. A DSL’s password or the recovery
        key opens the records as always.
      </p>
      {state && (
        <p className="fieldset__intro" data-testid="unlock-at-start-state">
          {state.on ? `Unlock at start is on (since ${formatDateTime(new Date(state.turnedOnAt!))}).` : 'Unlock at start is off.'}
        </p>
      )}
      {state?.lastFailure && !state.on && (
        <AlertMessage title="The last start could not open the records by itself">
          <p>
            At {formatDateTime(new Date(state.lastFailure.at))}: {state.lastFailure.reason}. Unlock at start turned itself off.
          </p>
        </AlertMessage>
      )}
      {changed && (
        <StatusMessage title={state?.on ? 'Turned on' : 'Turned off'}>
          <p>{changed}</p>
          {state?.warning && <p>{state.warning}</p>}
        </StatusMessage>
      )}
      {problem && (
        <AlertMessage title="Unlock at start could not be changed">
          <p>{problem.message}</p>
        </AlertMessage>
      )}
      {state && !state.hub && <p>This computer is not the school’s hub: only a hub opens the records at start. Change this from a browser signed in to the hub.</p>}
      {state && !decides && state.hub && <p>Only a DSL can turn unlock at start on or off.</p>}
      {state && decides && (state.hub || state.on) && (
        <form noValidate onSubmit={(event) => void change(event)} aria-label="Unlock at start">
          {!state.on && (
            <CheckboxField
              id="unlock-at-start-understood"
              label="The hub is in a locked room, its disk is encrypted, it does not sign itself in, and only IT can sign in to it"
              checked={understood}
              error={notTicked}
              onChange={setUnderstood}
            />
          )}
          <Button type="submit" variant={state.on ? 'secondary' : 'primary'} busy={busy} busyLabel="Changing…">
            {state.on ? 'Turn unlock at start off' : 'Turn unlock at start on'}
          </Button>
        </form>
      )}
    </section>
  );
}
