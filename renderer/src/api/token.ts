// The browser host hands the page a per-launch token in the URL fragment (never sent to a server). It is kept
// in sessionStorage so a reload still works, and taken out of the address bar so it is not bookmarked,
// copied into an email or left on screen.

const storageKey = 'safeguarding.hostToken';

/** Reads the token from `#token=…` (then removes it from the address) or from this tab's sessionStorage. */
export function takeHostToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    try {
      window.sessionStorage.setItem(storageKey, token);
    } catch {
      // Storage can be switched off; the token still works until the tab reloads.
    }
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    return token;
  }
  try {
    return window.sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
