// Connect mode as the window (or the loopback browser page) sees it. Before this computer is enrolled, the page gets
// the "connect to your school's hub" step: `connect.lookUpHub` and `connect.enrol`, answered here on this computer
// before anything is sent to any hub, with plain messages for each way it can go wrong. Once enrolled — at start, or
// the moment the page's enrolment succeeds — every command goes to that hub through connectModeWithOutbox, pinned.
// Switching then is safe without a restart: nothing was held locally (no store, no session, no cookie) before it.
import { commands, invalidInput, type AppError, type AppStatus, type Result } from '../../../shared/api';
import { connectModeWithOutbox, type ConnectMode } from './connectModeOutbox';
import { EnrolmentRefusedError, enrolWithHub, fetchRootForEnrolment, normaliseHubUrl, readConnectSettings, type ConnectSettings } from './enrolment';
import type { RemoteInvoke } from './hubTransport';
import { createPinnedClient, HubIdentityError, HubUnreachableError, type PinnedClient } from './pinnedClient';

export interface ConnectModeHostOptions {
  /** This computer's data folder: connect.json and the outbox live there. */
  dataDir: string;
  log: { error(context: string, error: unknown): unknown };
  clock?: () => Date;
  /** How long to wait for a hub being looked up or enrolled with (15 s unless given). */
  enrolmentTimeoutMs?: number;
  /** The address given with `--connect https://HOST:PORT`, offered on the page; the person still checks and confirms it. */
  suggestedHubUrl?: string;
}

/** `--connect`, `--connect https://HOST:PORT` or `--connect=https://HOST:PORT`: whether to start in connect mode, and the hub's address if given. */
export function connectArgument(argv: readonly string[]): { connect: boolean; hubUrl?: string } {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg.startsWith('--connect=')) return { connect: true, hubUrl: arg.slice('--connect='.length) };
    if (arg !== '--connect') continue;
    const next = argv[index + 1];
    return next && !next.startsWith('--') ? { connect: true, hubUrl: next } : { connect: true };
  }
  return { connect: false };
}

export interface ConnectModeHost {
  /** The page's commands: connect mode's own first, then the enrolled hub's. */
  invoke: RemoteInvoke;
  /** The hub this computer is enrolled with, or null while it is not. */
  readonly hubUrl: string | null;
  stop(): void;
}

/** What the page is told for anything but connecting while this computer is not enrolled. */
const NOT_CONNECTED: AppError = {
  code: 'unavailable',
  message: 'This computer is not connected to the school’s hub yet. Connect it first: you need the hub’s address and the enrolment code it shows.',
};

/** The status of a computer waiting to be connected: the page shows the connect step and nothing else. */
const NEEDS_HUB: AppStatus = {
  state: 'needs_hub',
  school: null,
  user: null,
  idleLockMinutes: 5,
  recoveryKeyConfirmed: true,
  mustEnrolSecondFactor: false,
};

/** Beside the code field: most often a typo, but it may be a machine that is not the hub, so it says what to do then. */
export const CODE_MISMATCH = 'This code does not match the hub’s certificate. Check it against the hub’s screen; if it still does not match, do not connect, and tell your IT lead.';

function notAnswering(hubUrl: string): AppError {
  return {
    code: 'unavailable',
    message: `Nothing answered at ${hubUrl}. Check the address is exactly as the hub shows it (with the number after the colon), that this computer is on the school network, and that the hub is running.`,
    fields: { hubUrl: ['Nothing answered at this address'] },
  };
}

/** Each way enrolment fails, as the person at the computer is told it; the detail goes to the log. */
function enrolmentError(error: unknown, hubUrl: string, log: ConnectModeHostOptions['log']): AppError {
  if (error instanceof EnrolmentRefusedError && error.reason === 'code_mismatch') {
    // The field says it all (the page shows field messages, not the summary, for wrong input): a typo, or not the hub.
    return { code: 'invalid_input', message: error.message, fields: { code: [CODE_MISMATCH] } };
  }
  if (error instanceof EnrolmentRefusedError) {
    return { code: 'invalid_input', message: error.message, fields: { hubUrl: ['This address is not the school’s hub'] } };
  }
  if (error instanceof HubIdentityError) {
    log.error('connecting to a hub: the certificate did not match', new Error(error.detail));
    return { code: 'forbidden', message: error.message };
  }
  if (error instanceof HubUnreachableError) {
    log.error('connecting to a hub: no answer', new Error(error.detail));
    return notAnswering(hubUrl);
  }
  const reference = log.error('connecting to a hub', error);
  return { code: 'internal', message: `Connecting did not work and nothing was saved. Try again; if it happens again, tell your IT lead and quote reference ${String(reference)}.` };
}

/** The typed hub address as the origin every request goes to, or the reason beside the address field. */
function hubOrigin(typed: string): Result<string> {
  try {
    return { ok: true, value: normaliseHubUrl(typed) };
  } catch (error) {
    const reason = (error as Error).message;
    return { ok: false, error: { code: 'invalid_input', message: reason, fields: { hubUrl: [reason] } } };
  }
}

export function hostConnectMode(options: ConnectModeHostOptions): ConnectModeHost {
  const { dataDir, log } = options;
  let hub: ConnectMode | null = null;
  let client: PinnedClient | null = null;
  let hubUrl: string | null = null;
  /** One enrolment at a time: a second click while the first is on its way joins no race to write connect.json. */
  let enrolling: Promise<Result<unknown>> | null = null;

  const connect = (settings: ConnectSettings) => {
    client = createPinnedClient({ hubUrl: settings.hubUrl, caCertificatePem: settings.caCertificatePem, spkiSha256: settings.spkiSha256 });
    hub = connectModeWithOutbox({
      client,
      dataDir,
      log,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    hubUrl = settings.hubUrl;
    hub.start();
  };

  let unreadable: string | null = null;
  try {
    const settings = readConnectSettings(dataDir);
    if (settings) connect(settings);
  } catch (error) {
    // A connect.json changed by hand is no pin at all: the page offers to connect again (and says why).
    unreadable = (error as Error).message;
    log.error('connect mode', error);
  }

  const alreadyConnected = (): Result<never> => ({
    ok: false,
    error: { code: 'conflict', message: `This computer is already connected to ${hubUrl}. To connect it to another hub, your IT lead runs: npm run admin -- connect https://HUB:8443 --code <the hub’s code>` },
  });

  async function lookUp(input: unknown): Promise<Result<unknown>> {
    if (hub) return alreadyConnected();
    const parsed = commands['connect.lookUpHub'].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    const address = hubOrigin(parsed.data.hubUrl);
    if (!address.ok) return address;
    const origin = address.value;
    try {
      const root = await fetchRootForEnrolment(origin, options.enrolmentTimeoutMs);
      return { ok: true, value: { hubUrl: origin, fingerprint: root.fingerprint.grouped } };
    } catch (error) {
      return { ok: false, error: enrolmentError(error, origin, log) };
    }
  }

  async function enrol(input: unknown): Promise<Result<unknown>> {
    if (hub) return alreadyConnected();
    const parsed = commands['connect.enrol'].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    const address = hubOrigin(parsed.data.hubUrl);
    if (!address.ok) return address;
    const origin = address.value;
    try {
      const settings = await enrolWithHub({ dataDir, hubUrl: origin, typed: parsed.data.code, ...(options.clock ? { now: options.clock() } : {}) });
      unreadable = null;
      connect(settings);
      return { ok: true, value: { hubUrl: settings.hubUrl } };
    } catch (error) {
      return { ok: false, error: enrolmentError(error, origin, log) };
    }
  }

  const invoke: RemoteInvoke = async (command, input) => {
    if (command === 'connect.lookUpHub') return lookUp(input);
    if (command === 'connect.enrol') {
      if (enrolling) await enrolling.catch(() => undefined);
      enrolling = enrol(input);
      try {
        return await enrolling;
      } finally {
        enrolling = null;
      }
    }
    if (hub) return hub.invoke(command, input);
    if (command === 'app.status') return { ok: true, value: options.suggestedHubUrl ? { ...NEEDS_HUB, suggestedHubUrl: options.suggestedHubUrl } : NEEDS_HUB };
    return { ok: false, error: unreadable ? { code: 'unavailable', message: `${NOT_CONNECTED.message} (${unreadable})` } : NOT_CONNECTED };
  };

  return {
    invoke,
    get hubUrl() {
      return hubUrl;
    },
    stop() {
      hub?.stop();
      client?.close();
    },
  };
}
