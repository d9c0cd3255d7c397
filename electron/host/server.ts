// The two ways the network door is started. Browser mode: this computer only, plain HTTP on 127.0.0.1, a fresh token
// per launch handed to the page in the URL fragment (never sent to a server, never logged). The hub: HTTPS for the
// whole school network on the names in its certificate, one session cookie per browser (decision 0016).
import crypto from 'node:crypto';
import { SafeguardingApp, type AppOptions, type StartOutcome } from '../core';
import { hostConnectMode } from '../core/network';
import { buildDoor, type DoorOptions } from './door';

export interface BrowserHostOptions {
  dataDir: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or absent: a free port chosen by the operating system. */
  port?: number;
  clock?: () => Date;
  kdfCost?: AppOptions['kdfCost'];
  idleSweep?: AppOptions['idleSweep'];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /**
   * Connect mode (`--connect`): this computer holds no records; the page connects it to the school's hub if it is not
   * enrolled yet, then every command goes to that hub, pinned (electron/core/network/connectModeHost.ts).
   */
  connect?: boolean | { hubUrl?: string };
}

export interface BrowserHost {
  /** Open this in a browser: it carries the token in the fragment. */
  url: string;
  origin: string;
  token: string;
  app: SafeguardingApp;
  /** In connect mode: the hub this computer is enrolled with (null until it is). */
  connectedHub?: () => string | null;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const app = new SafeguardingApp({ dataDir: options.dataDir, clock: options.clock, kdfCost: options.kdfCost, idleSweep: options.idleSweep });
  const token = crypto.randomBytes(32).toString('base64url');
  const suggested = typeof options.connect === 'object' ? options.connect.hubUrl : undefined;
  const connect = options.connect
    ? hostConnectMode({ dataDir: options.dataDir, log: app.log, ...(options.clock ? { clock: options.clock } : {}), ...(suggested ? { suggestedHubUrl: suggested } : {}) })
    : null;
  const door = buildDoor({
    app,
    staticDir: options.staticDir,
    mode: { kind: 'loopback', token },
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(connect ? { remote: connect.invoke } : {}),
  });
  const origin = await door.listen('127.0.0.1', options.port ?? 0);
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    app,
    ...(connect ? { connectedHub: () => connect.hubUrl } : {}),
    close: async () => {
      connect?.stop();
      app.close();
      await door.close();
    },
  };
}

export interface HubOptions {
  dataDir: string;
  staticDir: string;
  /** The address to listen on (0.0.0.0 for every network the computer is on) and the port. */
  listen: { host: string; port: number };
  /** The names and addresses computers use to reach the hub; they must be in its certificate. */
  names: readonly string[];
  tls: { key: string | Buffer; cert: string | Buffer };
  /** The root computers pin and IT deploys, offered at /hub-root.pem. */
  rootPem?: () => string;
  clock?: AppOptions['clock'];
  kdfCost?: AppOptions['kdfCost'];
  sessionLifetimeHours?: number;
  maxBodyBytes?: number;
  signInTriesPerClient?: DoorOptions['signInTriesPerClient'];
  signInWindowSeconds?: DoorOptions['signInWindowSeconds'];
}

export interface Hub {
  /** The address computers open, e.g. https://safeguarding.oakfield.internal:8443 */
  origin: string;
  port: number;
  app: SafeguardingApp;
  /** Whether the records opened at start from protected storage (decision 0027), and if not, why not. */
  startedWith: StartOutcome;
  /** Takes a renewed certificate into use for new connections. */
  setCertificate(tls: { key: string | Buffer; cert: string | Buffer }): void;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const app = new SafeguardingApp({
    dataDir: options.dataDir,
    clock: options.clock,
    kdfCost: options.kdfCost,
    ...(options.sessionLifetimeHours ? { sessionLifetimeHours: options.sessionLifetimeHours } : {}),
    hub: true,
  });
  // Before the door opens, so the first page served already finds the records open (when a DSL turned that on).
  const startedWith = app.openAtStart();
  const door = buildDoor({
    app,
    staticDir: options.staticDir,
    mode: { kind: 'hub', tls: options.tls, names: options.names, ...(options.rootPem ? { rootPem: options.rootPem } : {}) },
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.signInTriesPerClient ? { signInTriesPerClient: options.signInTriesPerClient } : {}),
    ...(options.signInWindowSeconds ? { signInWindowSeconds: options.signInWindowSeconds } : {}),
  });
  const origin = await door.listen(options.listen.host, options.listen.port);
  return {
    origin,
    port: Number(new URL(origin).port || 443),
    app,
    startedWith,
    setCertificate: (tls) => door.setCertificate(tls),
    close: async () => {
      app.close();
      await door.close();
    },
  };
}
