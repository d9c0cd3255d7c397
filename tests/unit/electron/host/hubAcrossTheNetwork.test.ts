// The hub and a client on different addresses, as in a school: two network namespaces joined by a veth pair (the
// hub on 10.231.X.1, the client on 10.231.X.2), each a process of its own. Where namespaces cannot be made (not root,
// no iproute2), the same test runs on two loopback addresses instead, and its name says so.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DSL_PASSWORD, newApp, tempDataDir } from '../core/testSchool';

const suffix = `${process.pid % 200}`;
const hubNs = `sr-hub-${suffix}`;
const clientNs = `sr-client-${suffix}`;
const hubAddress = `10.231.${suffix}.1`;
const clientAddress = `10.231.${suffix}.2`;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'ignore' });
}

/** Two namespaces and a veth pair between them; false where this machine cannot make them. */
function makeNamespaces(): boolean {
  try {
    ip('netns', 'add', hubNs);
    ip('netns', 'add', clientNs);
    ip('link', 'add', `srh${suffix}`, 'type', 'veth', 'peer', 'name', `src${suffix}`);
    ip('link', 'set', `srh${suffix}`, 'netns', hubNs);
    ip('link', 'set', `src${suffix}`, 'netns', clientNs);
    ip('-n', hubNs, 'addr', 'add', `${hubAddress}/24`, 'dev', `srh${suffix}`);
    ip('-n', clientNs, 'addr', 'add', `${clientAddress}/24`, 'dev', `src${suffix}`);
    for (const ns of [hubNs, clientNs]) {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    ip('-n', hubNs, 'link', 'set', `srh${suffix}`, 'up');
    ip('-n', clientNs, 'link', 'set', `src${suffix}`, 'up');
    return true;
  } catch {
    removeNamespaces();
    return false;
  }
}

function removeNamespaces(): void {
  for (const ns of [hubNs, clientNs]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // Not made, or already gone.
    }
  }
}

const namespaces = makeNamespaces();
const mode = namespaces ? 'two network namespaces joined by veth' : 'two loopback addresses (network namespaces unavailable here)';
const hubHost = namespaces ? hubAddress : '127.0.0.2';

/** Runs `script` (under tsx), inside `ns` when namespaces are in use; resolves with its first line of output. */
function run(ns: string, script: string, args: string[], env: Record<string, string>): { child: ChildProcess; firstLine: Promise<string> } {
  const command = namespaces ? 'ip' : process.execPath;
  const commandArgs = namespaces ? ['netns', 'exec', ns, process.execPath, '--import', 'tsx', script, ...args] : ['--import', 'tsx', script, ...args];
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before answering`)));
  });
  return { child, firstLine };
}

let hub: ChildProcess | undefined;
let hubAnswer: { origin: string; rootPem: string; spkiSha256: string };
const dataDir = tempDataDir();

beforeAll(async () => {
  const started = run(hubNs, 'tests/fixtures/hub/hubProcess.ts', ['--listen', `${hubHost}:8443`, '--name', hubHost, '--data-dir', dataDir], { SAFEGUARDING_PASSWORD: DSL_PASSWORD });
  hub = started.child;
  hubAnswer = JSON.parse(await started.firstLine) as typeof hubAnswer;
}, 120_000);

afterAll(async () => {
  if (hub && hub.exitCode === null) {
    const exited = new Promise((resolve) => hub!.once('exit', resolve));
    hub.kill('SIGTERM');
    await exited;
  }
  removeNamespaces();
});

describe(`the hub and a client on different addresses (${mode})`, () => {
  it('serves a pinned client from another address, and records that address in the audit log', async () => {
    expect(hubAnswer.origin).toBe(`https://${hubHost}:8443`);
    const client = run(clientNs, 'tests/fixtures/hub/clientProcess.ts', [hubAnswer.origin], { SAFEGUARDING_PASSWORD: DSL_PASSWORD, HUB_PIN: JSON.stringify(hubAnswer) });
    const answer = JSON.parse(await client.firstLine) as { signedIn?: unknown; listed?: unknown; error?: string };
    expect(answer.error).toBeUndefined();
    expect(answer.signedIn).toMatchObject({ ok: true, value: { username: 'dsl.jones' } });
    expect(answer.listed).toMatchObject({ ok: true, value: [] });

    // Stop the hub, then read its audit log as the DSL would with the admin CLI on the hub (which asks for no second
    // factor: it needs the data folder itself): the sign-in came from the client's own address.
    const exited = new Promise((resolve) => hub!.once('exit', resolve));
    hub!.kill('SIGTERM');
    await exited;
    const app = newApp(dataDir);
    await app.signIn('dsl.jones', DSL_PASSWORD, { door: 'cli', sessionId: null });
    const signIns = app.store!.prepare("SELECT door, client FROM audit_log WHERE command = 'session.signIn' AND outcome = 'ok' AND door = 'https'").all();
    expect(signIns).toEqual([{ door: 'https', client: namespaces ? clientAddress : '127.0.0.1' }]);
  }, 120_000);
});
