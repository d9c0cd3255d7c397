import type { OptionSpec, ParsedArguments } from '../arguments';
import type { Output } from '../output';

/** One CLI command: its options, its line in `help`, and what it does. Returns the exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options: OptionSpec;
  run(args: ParsedArguments, context: { dataDir: string; out: Output }): Promise<number>;
}
