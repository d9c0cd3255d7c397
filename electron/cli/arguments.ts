// The command line, parsed strictly: an unknown option is a mistake to report, not something to ignore, because a
// mistyped option in a backup script must fail loudly rather than do something else.
import { decodeRecoveryKey } from '../core/crypto';

export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the operation failed or a check did not hold; 2: the command line was wrong. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

export interface OptionSpec {
  /** Options that take a value: `--name VALUE` or `--name=VALUE`. */
  values?: readonly string[];
  /** Options that are on or off: `--force`. */
  flags?: readonly string[];
  /** How many plain arguments the command takes (e.g. the backup file). */
  positionals?: number;
}

export interface ParsedArguments {
  values: Map<string, string>;
  flags: Set<string>;
  positionals: string[];
}

/** Options every command accepts. */
const globalValues = ['data-dir'];
const globalFlags = ['json', 'help'];

const PASSWORD_OPTION = /^--?(p|pw|pwd|pass|passwd|password|dsl-password)(=.*)?$/i;

export const passwordNotOnCommandLine =
  'Passwords are never taken from the command line: other users of this computer could see them in the process list and they would stay in your shell history. Set the environment variable SAFEGUARDING_PASSWORD instead, for example:\n  read -rs SAFEGUARDING_PASSWORD && export SAFEGUARDING_PASSWORD';

const RECOVERY_KEY_OPTION = /^--?(recovery-?key|rk)(=.*)?$/i;

export const recoveryKeyNotOnCommandLine =
  'The recovery key is never taken from the command line: it would stay in your shell history and show in the process list. Set the environment variable SAFEGUARDING_RECOVERY_KEY instead, for example:\n  read -rs SAFEGUARDING_RECOVERY_KEY && export SAFEGUARDING_RECOVERY_KEY';

/**
 * Refuses anything that looks like a password or the recovery key, before the command does anything at all — and
 * before an error message could repeat it, as "Unexpected argument …" would for a key typed where a file goes.
 */
export function refusePasswordArguments(argv: readonly string[]): void {
  if (argv.some((argument) => PASSWORD_OPTION.test(argument))) throw new CliError(passwordNotOnCommandLine, 2);
  if (argv.some((argument) => RECOVERY_KEY_OPTION.test(argument) || decodeRecoveryKey(argument.slice(argument.indexOf('=') + 1)) !== null)) {
    throw new CliError(recoveryKeyNotOnCommandLine, 2);
  }
}

export function parseArguments(argv: readonly string[], spec: OptionSpec): ParsedArguments {
  const valueNames = new Set([...globalValues, ...(spec.values ?? [])]);
  const flagNames = new Set([...globalFlags, ...(spec.flags ?? [])]);
  const parsed: ParsedArguments = { values: new Map(), flags: new Set(), positionals: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (!argument.startsWith('--')) {
      parsed.positionals.push(argument);
      continue;
    }
    const [name, inlineValue] = splitOption(argument.slice(2));
    if (flagNames.has(name)) {
      if (inlineValue !== undefined) throw new CliError(`--${name} does not take a value.`, 2);
      parsed.flags.add(name);
    } else if (valueNames.has(name)) {
      const value = inlineValue ?? argv[index + 1];
      if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) throw new CliError(`--${name} needs a value, for example --${name} VALUE.`, 2);
      if (inlineValue === undefined) index += 1;
      parsed.values.set(name, value);
    } else {
      throw new CliError(`Unknown option --${name}. Run \`help\` to see the options of each command.`, 2);
    }
  }
  if (parsed.positionals.length > (spec.positionals ?? 0)) {
    throw new CliError(`Unexpected argument ${parsed.positionals[spec.positionals ?? 0]}. Run \`help\` to see how to use this command.`, 2);
  }
  return parsed;
}

function splitOption(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals < 0 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}

export function requiredValue(args: ParsedArguments, name: string, example: string): string {
  const value = args.values.get(name)?.trim();
  if (!value) throw new CliError(`This command needs --${name}, for example --${name} ${example}.`, 2);
  return value;
}

export function wholeNumber(args: ParsedArguments, name: string, fallback: number, limits: { min: number; max: number }): number {
  const text = args.values.get(name);
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll(',', ''));
  if (!Number.isInteger(value) || value < limits.min || value > limits.max) {
    throw new CliError(`--${name} must be a whole number from ${limits.min.toLocaleString('en-GB')} to ${limits.max.toLocaleString('en-GB')}.`, 2);
  }
  return value;
}
