// What the CLI says. Plain lines for people; with --json, one JSON object on stdout for scripts and everything
// else (progress, warnings) on stderr, so `… --json | jq` always parses.

export interface Output {
  readonly json: boolean;
  /** A line for people; in --json mode it goes to stderr. */
  line(text: string): void;
  /** A warning, always on stderr. */
  warn(text: string): void;
  /** The command's result; printed only in --json mode. */
  result(value: unknown): void;
}

export function consoleOutput(json: boolean, streams: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process): Output {
  return {
    json,
    line: (text) => (json ? streams.stderr : streams.stdout).write(`${text}\n`),
    warn: (text) => streams.stderr.write(`${text}\n`),
    result: (value) => {
      if (json) streams.stdout.write(`${JSON.stringify(value)}\n`);
    },
  };
}

export const count = (value: number) => value.toLocaleString('en-GB');
