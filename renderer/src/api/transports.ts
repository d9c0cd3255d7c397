// Two ways to reach dispatch: the Electron preload's one function, or HTTP to the loopback browser host.
// Features never know which; both answer with the same result values.
import type { AppError, Result } from '../../../shared/api';
import { takeHostToken } from './token';

export type Transport = (command: string, input: unknown) => Promise<Result<unknown>>;

interface SafeguardingBridge {
  invoke(command: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    /** Present only inside the Electron window, provided by the preload. */
    safeguarding?: SafeguardingBridge;
  }
}

const notResponding: AppError = {
  code: 'unavailable',
  message: 'The app is not responding. Check it is still running, then try again.',
};

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

function ipcTransport(bridge: SafeguardingBridge): Transport {
  return async (command, input) => {
    try {
      const answer = await bridge.invoke(command, input);
      return isResult(answer) ? answer : { ok: false, error: notResponding };
    } catch {
      return { ok: false, error: notResponding };
    }
  };
}

/**
 * HTTP to the network door: the loopback host (this computer only, a per-launch token from the page's address) or
 * the hub (HTTPS across the school; no token — the session cookie and the custom header are what it checks).
 */
function httpTransport(token: string | null): Transport {
  return async (command, input) => {
    let response: Response;
    try {
      response = await fetch('./api/invoke', {
        method: 'POST',
        // The custom header is the hub's CSRF defence: no cross-site form or simple request can carry it.
        headers: { 'Content-Type': 'application/json', 'X-Safeguarding-Request': '1', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ command, input }),
        cache: 'no-store',
        // The session lives in an HttpOnly cookie: the page never sees it, the browser sends it only here.
        credentials: 'same-origin',
      });
    } catch {
      return { ok: false, error: notResponding };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, error: notResponding };
    }
    // The host refuses a bad token, address or size with a result-shaped body and a 4xx status.
    if (isResult(body)) return body;
    return { ok: false, error: notResponding };
  };
}

/** Chooses the door once, at start-up. */
export function chooseTransport(): Transport {
  const bridge = window.safeguarding;
  if (bridge && typeof bridge.invoke === 'function') return ipcTransport(bridge);
  return httpTransport(takeHostToken());
}
