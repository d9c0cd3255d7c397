import type { CommandInput, CommandName, CommandOutput } from './commands';
import type { Result } from './result';

/** What every door offers the page: one function. The IPC preload and the HTTP transport both implement it. */
export type Invoke = <N extends CommandName>(command: N, input: CommandInput<N>) => Promise<Result<CommandOutput<N>>>;

/** The raw envelope that crosses IPC and HTTP; dispatch parses it, never trusts it. */
export interface InvokeEnvelope {
  command: string;
  input: unknown;
}
