// The admin CLI: `npm run admin -- <command> [options]`. For IT leads and scripts; every command goes through the
// same application (and, where a command exists, the same dispatch) as the app's own doors.
import { resolveDataDir } from '../core';
import { CliError, parseArguments, refusePasswordArguments } from './arguments';
import { backupCommand } from './commands/backup';
import { connectCommand } from './commands/connect';
import type { CliCommand } from './commands/command';
import { demoDataCommand } from './commands/demoData';
import { helpCommand, helpText } from './commands/help';
import { hubCertificateCommand } from './commands/hubCertificate';
import { independentKeyCommand } from './commands/independentKey';
import { initCommand } from './commands/init';
import { restoreCommand } from './commands/restore';
import { verifyCommand } from './commands/verify';
import { consoleOutput } from './output';

const commands: readonly CliCommand[] = [initCommand, verifyCommand, backupCommand, restoreCommand, independentKeyCommand, demoDataCommand, hubCertificateCommand, connectCommand, helpCommand(() => commands)];

export async function runCli(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const out = consoleOutput(json);
  try {
    refusePasswordArguments(argv);
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h') {
      out.line(helpText(commands));
      return name ? 0 : 2;
    }
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) throw new CliError(`Unknown command "${name}". Run \`help\` to see the commands.`, 2);
    const args = parseArguments(rest, command.options);
    if (args.flags.has('help')) {
      out.line(`Usage: npm run admin -- ${command.usage}\n  ${command.summary}`);
      return 0;
    }
    return await command.run(args, { dataDir: resolveDataDir(rest), out });
  } catch (error) {
    if (error instanceof CliError) {
      out.warn(error.message);
      out.result({ ok: false, error: error.message });
      return error.exitCode;
    }
    out.warn(`Unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    out.warn('Nothing more was done. If it happens again, send this message to whoever supports Safeguarding Records here.');
    out.result({ ok: false, error: String((error as Error)?.message ?? error) });
    return 1;
  }
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
