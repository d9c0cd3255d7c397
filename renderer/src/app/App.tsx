// The top of the page: asks the core what state it is in (needs setup, signed out, locked, signed in) and shows
// the matching screen. The signed-in app stays mounted, hidden and inert, under the lock screen, so nothing a
// person typed is lost when the idle lock or the privacy key fires — and nothing of it can be seen or reached.
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { AppError, AppStatus } from '../../../shared/api';
import { invoke, onSessionInterrupted } from '../api';
import { SetupPage } from '../features/setup/SetupPage';
import { LockScreen } from '../features/session/LockScreen';
import { SignInPage } from '../features/session/SignInPage';
import { CodePage } from '../features/secondFactor/CodePage';
import { ConnectPage } from '../features/connect/ConnectPage';
import { AppContext, type AppActions } from './AppContext';
import { PrivacyScreen } from './PrivacyScreen';
import { SignedInApp } from './SignedInApp';
import { StartupProblem } from './StartupProblem';
import { useLocation } from './useLocation';
import { useActivityReports, useFocusReturn, usePrivacyKey, useStatusPolling } from './sessionHooks';

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  /** The last status in which someone was signed in: what the hidden app is drawn from while locked. */
  const [signedIn, setSignedIn] = useState<AppStatus | null>(null);
  /** Shown once, straight after setup, until the DSL confirms it is printed or stored. Never stored anywhere. */
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  /** The temporary password just signed in with, for the forced change only; in memory, never stored. */
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);
  const [blank, setBlank] = useState(false);
  const [hiddenByPrivacyKey, setHiddenByPrivacyKey] = useState(false);
  const latestRequest = useRef(0);
  const frame = useRef<HTMLDivElement>(null);
  const { location, navigate } = useLocation();

  const refresh = useCallback(async () => {
    // Only the newest answer counts: a slow poll must not undo a lock that happened after it was sent.
    const request = ++latestRequest.current;
    const result = await invoke('app.status', {});
    if (request !== latestRequest.current) return;
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setProblem(null);
    // Keep the same object when nothing changed, so a poll every 10 seconds does not redraw every page.
    setStatus((previous) => (previous && JSON.stringify(previous) === JSON.stringify(result.value) ? previous : result.value));
    if (result.value.state === 'signed_in') setSignedIn(result.value);
    if (result.value.state === 'signed_out' || result.value.state === 'needs_setup' || result.value.state === 'needs_hub') {
      setSignedIn(null);
      setRecoveryKey(null);
      setTemporaryPassword(null);
    }
  }, []);

  const lock = useCallback(() => {
    void invoke('session.lock', {}).then(refresh);
  }, [refresh]);

  const hideScreen = useCallback(() => {
    // Synchronously, before anything is awaited: the overlay is on screen before this function returns.
    flushSync(() => {
      setBlank(true);
      setHiddenByPrivacyKey(true);
    });
    latestRequest.current++;
    void invoke('session.lock', {}).then(async (result) => {
      await refresh();
      // Keep the blank screen up if the lock failed: better a blank screen than an unlocked one.
      if (result.ok) setBlank(false);
    });
  }, [refresh]);

  const signOut = useCallback(async () => {
    await invoke('session.signOut', {});
    await refresh();
  }, [refresh]);

  useEffect(() => {
    // First question on start-up; answered asynchronously, like every later poll.
    void Promise.resolve().then(refresh);
  }, [refresh]);
  useEffect(() => onSessionInterrupted(() => void refresh()), [refresh]);
  useStatusPolling(refresh, status !== null);
  useActivityReports(status?.state === 'signed_in');
  usePrivacyKey(hideScreen, status?.state === 'signed_in' || blank);
  useFocusReturn(frame, status?.state === 'locked' || blank);

  if (!status) {
    return problem ? <StartupProblem error={problem} onRetry={() => void refresh()} /> : <p className="loading">Opening Safeguarding Records…</p>;
  }

  const actions: AppActions = { status, refresh, navigate, lock, hideScreen, signOut };
  const locked = status.state === 'locked';
  // The same person's app is kept under the lock; someone else's never is (a reload while locked starts fresh).
  const kept = status.state === 'signed_in' ? status : locked && signedIn && signedIn.user?.id === status.user?.id ? signedIn : null;
  const concealed = locked || blank;

  return (
    <AppContext.Provider value={actions}>
      {kept?.user && (
        <div className="app-frame" ref={frame} hidden={concealed} inert={concealed}>
          <SignedInApp
            key={kept.user.id}
            status={kept}
            user={kept.user}
            location={location}
            recoveryKey={recoveryKey}
            onRecoveryKeyConfirmed={() => setRecoveryKey(null)}
            temporaryPassword={temporaryPassword}
            onPasswordChanged={() => setTemporaryPassword(null)}
          />
        </div>
      )}
      {problem && status.state !== 'locked' && <StartupProblem error={problem} onRetry={() => void refresh()} inline />}
      {/* Connect mode before enrolment: once connected, the next status comes from the hub (its sign-in page). */}
      {status.state === 'needs_hub' && <ConnectPage suggestedHubUrl={status.suggestedHubUrl} onConnected={() => void refresh()} />}
      {status.state === 'needs_setup' && (
        <SetupPage
          onCreated={(key) => {
            setRecoveryKey(key);
            navigate('home');
            void refresh();
          }}
        />
      )}
      {status.state === 'signed_out' && (
        <SignInPage
          school={status.school}
          onSignedIn={(temporary) => {
            setTemporaryPassword(temporary);
            navigate('home');
            void refresh();
          }}
        />
      )}
      {status.state === 'needs_code' && status.user && <CodePage user={status.user} school={status.school} onVerified={() => void refresh()} onSignOut={() => void signOut()} />}
      {locked && !blank && status.user && (
        <LockScreen
          user={status.user}
          school={status.school}
          hiddenByPrivacyKey={hiddenByPrivacyKey}
          onUnlocked={() => {
            setHiddenByPrivacyKey(false);
            void refresh();
          }}
          onSignOut={() => {
            setHiddenByPrivacyKey(false);
            void signOut();
          }}
        />
      )}
      {blank && <PrivacyScreen />}
    </AppContext.Provider>
  );
}
