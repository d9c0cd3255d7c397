// `help`: what each command does and how to call it.
import type { CliCommand } from './command';

export function helpText(commands: readonly CliCommand[]): string {
  const lines = [
    'Safeguarding Records — admin command line',
    '',
    'Usage: npm run admin -- <command> [options]',
    '',
    'Commands:',
    ...commands.flatMap((command) => [`  ${command.usage}`, `      ${command.summary}`]),
    '',
    'Every command that opens the store takes --username U and reads that account’s password from the',
    'environment variable SAFEGUARDING_PASSWORD — never from the command line.',
    'The data folder is --data-dir DIR, else SAFEGUARDING_DATA_DIR, else this computer’s per-user app-data folder.',
    'Add --json for one JSON result on stdout (progress and messages go to stderr).',
    'Exit codes: 0 success; 1 the operation failed or a check did not hold; 2 the command line was wrong.',
    'More: docs/admin-guide.md',
  ];
  return lines.join('\n');
}

export const helpCommand = (all: () => readonly CliCommand[]): CliCommand => ({
  name: 'help',
  usage: 'help [COMMAND]',
  summary: 'Show this text.',
  options: { positionals: 1 },
  async run(args, { out }) {
    const one = all().find((command) => command.name === args.positionals[0]);
    out.line(one ? `Usage: npm run admin -- ${one.usage}\n  ${one.summary}` : helpText(all()));
    return 0;
  },
});
