// The page's part in locking: it polls the core (which decides the idle lock), reports that a person is active,
// and listens for the privacy key.
import { useEffect, useRef, type RefObject } from 'react';
import { invoke } from '../api';

const POLL_MS = 10_000;
const TOUCH_EVERY_MS = 30_000;

/** Asks for app.status every 10 seconds and whenever the window comes back into focus. */
export function useStatusPolling(refresh: () => Promise<void>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    const onFocus = () => void refresh();
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled, refresh]);
}

/** Typing and clicking postpone the idle lock: reported at most once every 30 seconds. */
export function useActivityReports(signedIn: boolean): void {
  const lastReport = useRef(0);
  useEffect(() => {
    if (!signedIn) return;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastReport.current < TOUCH_EVERY_MS) return;
      lastReport.current = now;
      void invoke('session.touch', {});
    };
    window.addEventListener('keydown', onActivity, { capture: true, passive: true });
    window.addEventListener('pointerdown', onActivity, { capture: true, passive: true });
    return () => {
      window.removeEventListener('keydown', onActivity, { capture: true });
      window.removeEventListener('pointerdown', onActivity, { capture: true });
    };
  }, [signedIn]);
}

/** Ctrl+Shift+B (⌘+Shift+B on a Mac) blanks the window at once. */
export function usePrivacyKey(hideScreen: () => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && (event.code === 'KeyB' || event.key.toLowerCase() === 'b')) {
        event.preventDefault();
        event.stopPropagation();
        hideScreen();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled, hideScreen]);
}

/** After unlocking, puts the cursor back in the field the person was typing in when the screen locked. */
export function useFocusReturn(frame: RefObject<HTMLElement | null>, concealed: boolean): void {
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement && frame.current?.contains(event.target)) lastFocused.current = event.target;
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [frame]);
  useEffect(() => {
    if (concealed) return;
    const target = lastFocused.current;
    if (target?.isConnected && frame.current?.contains(target)) target.focus();
  }, [concealed, frame]);
}
