// `demo-data`: fills a new, empty store with the deterministic synthetic school, for demonstrations, training and
// performance work. Never for a real school's store: it refuses one that already has pupils or concerns.
import { setMustChangePassword } from '../../core/accounts';
import { DemoDataError, schoolPhases, seedFromText, writeDemoSchool, type SchoolPhase } from '../../core/demoData';
import { newPasswordSchema } from '../../../shared/api';
import { londonIsoDate, parseUkDate } from '../../../shared/calendar';
import { CliError, requiredValue, wholeNumber } from '../arguments';
import { count } from '../output';
import { cliCaller, openExistingSchool, passwordFromEnvironment, requireRole, signIn } from '../openSchool';
import type { CliCommand } from './command';

const DEMO_PASSWORD_VARIABLE = 'SAFEGUARDING_DEMO_PASSWORD';

function asOfDate(text: string | undefined): string {
  if (text === undefined) return londonIsoDate(new Date());
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))) return text;
  const parsed = parseUkDate(text);
  if (!parsed.ok) throw new CliError(`--as-of must be a date such as 23/11/2026: ${parsed.message}.`, 2);
  return parsed.isoDate;
}

export const demoDataCommand: CliCommand = {
  name: 'demo-data',
  usage: 'demo-data --username U --data-dir DIR [--pupils N] [--concerns M] [--seed S] [--as-of DD/MM/YYYY] [--phase primary|secondary|all-through] [--years Y] [--json]',
  summary: 'Fill a new, empty store with a synthetic school (same seed and date → same school). Needs a DSL account.',
  options: { values: ['username', 'pupils', 'concerns', 'seed', 'as-of', 'phase', 'years', 'staff'] },
  async run(args, { dataDir, out }) {
    const username = requiredValue(args, 'username', 'p.jones');
    // Read before anything is opened, so a missing password is reported first and costs nothing.
    const password = passwordFromEnvironment(`the password of ${username}`);
    const phase = (args.values.get('phase') ?? 'all-through') as SchoolPhase;
    if (!schoolPhases.includes(phase)) throw new CliError(`--phase must be one of: ${schoolPhases.join(', ')}.`, 2);
    const seedText = args.values.get('seed') ?? '1';
    const options = {
      pupils: wholeNumber(args, 'pupils', 1_500, { min: 1, max: 100_000 }),
      concerns: wholeNumber(args, 'concerns', 5_000, { min: 0, max: 2_000_000 }),
      seed: seedFromText(seedText),
      asOf: asOfDate(args.values.get('as-of')),
      phase,
      schoolYears: wholeNumber(args, 'years', 3, { min: 1, max: 10 }),
      ...(args.values.has('staff') ? { staff: wholeNumber(args, 'staff', 0, { min: 1, max: 5_000 }) } : {}),
    };
    const demoPassword = process.env[DEMO_PASSWORD_VARIABLE];
    if (demoPassword !== undefined && !newPasswordSchema.safeParse(demoPassword).success) {
      throw new CliError(`${DEMO_PASSWORD_VARIABLE} must be at least 12 characters.`, 2);
    }

    const app = openExistingSchool(dataDir, out);
    try {
      const session = await signIn(app, cliCaller(), username, password);
      requireRole(session, ['dsl'], 'demo data holds children’s records, which only a DSL may write.');
      out.line(`Making a synthetic ${phase} school: ${count(options.pupils)} pupils, ${count(options.concerns)} concerns, seed ${seedText}, as of ${options.asOf.split('-').reverse().join('/')}.`);
      const started = performance.now();
      let summary;
      try {
        summary = writeDemoSchool(app.store!, options, { userId: session.user.id, door: 'cli', now: app.clock() }, ({ stage, done, total }) => {
          const share = total > 0 ? ` (${Math.round((done / total) * 100)}%)` : '';
          out.line(`${stage[0]!.toUpperCase()}${stage.slice(1)}: ${count(done)} of ${count(total)}${share}`);
        });
      } catch (error) {
        if (error instanceof DemoDataError) throw new CliError(error.message);
        throw error;
      }
      out.line(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${count(summary.staff)} staff accounts, ${count(summary.pupils)} pupils, ${count(summary.concerns)} concerns over ${summary.schoolYears.join(', ')}.`);

      if (demoPassword !== undefined) {
        // One account of each role can sign in, so a demonstration can show every person's view.
        for (const account of summary.sampleAccounts) {
          await app.setAccountPassword(account, demoPassword, { mustChangePassword: false });
          setMustChangePassword(app.store!, account.id, false);
        }
        out.line(`Demo sign-ins (password from ${DEMO_PASSWORD_VARIABLE}): ${summary.sampleAccounts.map((account) => `${account.username} (${account.role})`).join(', ')}.`);
      } else {
        out.line(`Generated staff accounts have no password. Set ${DEMO_PASSWORD_VARIABLE} when running demo-data to be able to sign in as one of each role.`);
      }
      out.result({ ok: true, seed: seedText, asOf: options.asOf, phase, ...summary });
      return 0;
    } finally {
      app.close();
    }
  },
};
