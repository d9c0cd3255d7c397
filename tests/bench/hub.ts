// The hub under a school's load, over real HTTPS on loopback. The hub runs in a process of its own (so its memory is
// its own); the staff, the DSL and the idle computers are pinned clients in this process.
//   hub.submit.p99_ms              200 staff sessions submitting concerns at random moments, 10 a second in all (far
//                                  above a school's busiest minute), each timed from request to reply
//   hub.alert.p99_ms               from a submission's reply to the DSL's pushed event arriving
//   hub.idle_clients_500.rss_mb    the hub's extra memory with 500 connected idle clients (each signed in, its
//                                  connection kept open)
//   hub.submit_during_report.p99_ms  submissions while another session builds the 150,000-concern culture report
// Accounts use cheap key derivation (sign-in cost is measured by unlock.kdf_ms); everything else is the real hub.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { createPinnedClient, type HubPin, type PinnedClient } from '../../electron/core/network';
import { codeAt } from '../../electron/core/secondFactor';
import { benchDir } from './benchStores';
import { median, percentile, progress, report } from './measure';

const PASSWORD = 'benchmark password one';
const STAFF = 200;

interface RunningHubProcess {
  child: ChildProcess;
  pin: HubPin;
  pid: number;
  /** The DSL's authenticator secret (enrolled by the hub process), for the code after her password. */
  totpSecret: string;
  stop(): Promise<void>;
}

async function startHubProcess(env: Record<string, string> = {}): Promise<RunningHubProcess> {
  const dataDir = benchDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/hub/hubProcess.ts', '--listen', '127.0.0.1:0', '--name', 'localhost', '--data-dir', dataDir], {
    env: { ...process.env, SAFEGUARDING_PASSWORD: PASSWORD, HUB_SIGN_IN_TRIES: '100000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the hub process exited with ${code}`)));
  });
  const answer = JSON.parse(line) as { origin: string; rootPem: string; spkiSha256: string; pid: number; totpSecret: string };
  return {
    child,
    pid: answer.pid,
    totpSecret: answer.totpSecret,
    pin: { hubUrl: answer.origin, caCertificatePem: answer.rootPem, spkiSha256: answer.spkiSha256 },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function invoke(client: PinnedClient, command: string, input: unknown = {}): Promise<unknown> {
  const response = await client.request<{ ok: boolean; value?: unknown; error?: { message: string } }>('POST', '/api/invoke', { command, input });
  if (!response.json?.ok) throw new Error(`${command} failed: ${response.status} ${response.json?.error?.message ?? response.text.slice(0, 200)}`);
  return response.json.value;
}

/** The DSL signed in, a pupil, and `count` members of staff each signed in on a client of their own. */
async function schoolOnTheHub(hub: RunningHubProcess, count: number, prefix = 'bench.staff') {
  const { pin } = hub;
  const dsl = createPinnedClient(pin);
  await invoke(dsl, 'session.signIn', { username: 'dsl.jones', password: PASSWORD });
  // Her app's code a step ahead: the hub accepts one step either side, and enrolment used the current one.
  await invoke(dsl, 'session.verifyCode', { code: codeAt(hub.totpSecret, new Date(Date.now() + 30_000)) });
  await invoke(dsl, 'setup.confirmRecoveryKey', { confirmed: true });
  let pupilId = ((await invoke(dsl, 'pupils.search', { query: 'a' })) as Array<{ id: string }>)[0]?.id;
  pupilId ??= ((await invoke(dsl, 'pupils.create', { upn: 'A123456789012', legalFirstName: 'Amelia', legalLastName: 'Hughes', dateOfBirth: '2016-03-04', yearGroup: '5' })) as { id: string }).id;
  const staff: PinnedClient[] = [];
  for (let index = 0; index < count; index += 1) {
    const username = `${prefix}.${index}`;
    await invoke(dsl, 'accounts.create', { username, displayName: `Staff ${index}`, role: 'staff', staffGroup: 'support', temporaryPassword: 'temporary password 1' });
    const client = createPinnedClient(pin);
    await invoke(client, 'session.signIn', { username, password: 'temporary password 1' });
    await invoke(client, 'session.changePassword', { currentPassword: 'temporary password 1', newPassword: 'staff own password' });
    staff.push(client);
  }
  return { dsl, staff, pupilId };
}

function concern(pupilId: string, index: number) {
  return {
    pupils: [{ pupilId, part: 'subject' }],
    occurredDate: '2026-11-20',
    occurredTime: '12:15',
    location: 'Playground',
    whatHappened: `Benchmark concern ${index}: the child arrived with a bruise about 3 cm across on their upper arm and said their dad had grabbed them.`,
    categories: ['physical-abuse'],
  };
}

/**
 * Each member of staff submits `each` concerns at random moments over `seconds` (open loop: a slow reply never holds
 * back the next person's submission); the milliseconds of each submission and the failures.
 */
async function submitThroughout(staff: readonly PinnedClient[], pupilId: string, each: number, seconds: number, offset = 0): Promise<{ timings: number[]; errors: number }> {
  const timings: number[] = [];
  let errors = 0;
  const submissions = staff.flatMap((client, person) =>
    Array.from({ length: each }, (_, turn) =>
      new Promise<void>((resolve) => {
        setTimeout(() => {
          const started = performance.now();
          invoke(client, 'concerns.submit', concern(pupilId, offset + person * each + turn))
            .then(() => timings.push(performance.now() - started))
            .catch(() => (errors += 1))
            .finally(resolve);
        }, Math.random() * seconds * 1000);
      }),
    ),
  );
  await Promise.all(submissions);
  return { timings, errors };
}

export async function measureHub(): Promise<void> {
  progress(`hub: ${STAFF} staff sessions over HTTPS submitting at once`);
  const small = await startHubProcess();
  try {
    const { dsl, staff, pupilId } = await schoolOnTheHub(small, STAFF);
    await submitThroughout(staff, pupilId, 1, 4);
    const { timings, errors } = await submitThroughout(staff, pupilId, 3, 60, 1_000);
    report({ metric: 'hub.submit.p50_ms', value: median(timings), unit: 'ms' });
    report({ metric: 'hub.submit.p99_ms', value: percentile(timings, 0.99), unit: 'ms' });
    report({ metric: 'hub.submit.errors', value: errors, unit: 'count' });

    progress('hub: from a submission’s reply to the DSL’s pushed event');
    const arrivals: number[] = [];
    let waiting: (() => void) | null = null;
    const stream = dsl.events({
      onEvent: (event) => {
        if (event.type !== 'concern.new') return;
        arrivals.push(performance.now());
        waiting?.();
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const alertDelays: number[] = [];
    for (let index = 0; index < 100; index += 1) {
      const heard = new Promise<void>((resolve) => {
        waiting = resolve;
      });
      const before = arrivals.length;
      await invoke(staff[index % staff.length]!, 'concerns.submit', concern(pupilId, 5_000 + index));
      const repliedAt = performance.now();
      await Promise.race([heard, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      // The event can overtake the reply on the wire: that is a delay of nothing, not a negative one.
      alertDelays.push(arrivals.length > before ? Math.max(0, arrivals[before]! - repliedAt) : 5_000);
    }
    stream.close();
    report({ metric: 'hub.alert.p50_ms', value: median(alertDelays), unit: 'ms' });
    report({ metric: 'hub.alert.p99_ms', value: percentile(alertDelays, 0.99), unit: 'ms' });
    for (const client of [dsl, ...staff]) client.close();
  } finally {
    await small.stop();
  }

  progress('hub: 500 connected idle clients, each signed in with its connection kept open');
  // A hub of its own, so what the submissions above left in its heap does not blur the figure.
  const quiet = await startHubProcess();
  try {
    const { dsl, staff } = await schoolOnTheHub(quiet, 500, 'idle.staff');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // The baseline: the school set up, no one connected (the set-up's clients are closed).
    for (const client of [dsl, ...staff]) client.close();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const before = rssMb(quiet.pid);
    const idle: PinnedClient[] = [];
    for (let index = 0; index < 500; index += 1) {
      const client = createPinnedClient(quiet.pin);
      await invoke(client, 'session.signIn', { username: `idle.staff.${index}`, password: 'staff own password' });
      idle.push(client);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    report({ metric: 'hub.idle_clients_500.rss_mb', value: rssMb(quiet.pid) - before, unit: 'mb' });
    for (const client of idle) client.close();
  } finally {
    await quiet.stop();
  }

  await measureSubmitDuringReport();
}

/** `hub.submit_during_report.*` alone: `tsx tests/bench/hub.ts submit_during_report` runs only this part. */
export async function measureSubmitDuringReport(): Promise<void> {
  progress('hub: submissions while another session builds the 150,000-concern culture report');
  const large = await startHubProcess({ HUB_DEMO_CONCERNS: '150000' });
  try {
    const { dsl, staff, pupilId } = await schoolOnTheHub(large, 50);
    let building = true;
    let reports = 0;
    const reportLoop = (async () => {
      while (building) {
        await invoke(dsl, 'reports.dashboard', { period: { kind: 'last_school_year' }, audience: 'head' });
        reports += 1;
      }
    })();
    const { timings, errors } = await submitThroughout(staff, pupilId, 4, 20);
    building = false;
    await reportLoop;
    report({ metric: 'hub.submit_during_report.p50_ms', value: median(timings), unit: 'ms' });
    report({ metric: 'hub.submit_during_report.p99_ms', value: percentile(timings, 0.99), unit: 'ms' });
    report({ metric: 'hub.submit_during_report.errors', value: errors, unit: 'count' });
    progress(`hub: ${reports} culture reports built during the submissions`);
    for (const client of [dsl, ...staff]) client.close();
  } finally {
    await large.stop();
  }
}

if (process.argv[1]?.endsWith('hub.ts')) {
  if (process.argv[2] === 'submit_during_report') await measureSubmitDuringReport();
  else await measureHub();
}
