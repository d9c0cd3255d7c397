// Timing helpers for the benchmarks. Results go to stdout as one JSON object per line; everything else to stderr.

export interface Metric {
  metric: string;
  value: number;
  unit: 'ms' | 'us' | 'ratio' | 'pages' | 'mb' | 'count';
}

export function report(metric: Metric): void {
  process.stdout.write(`${JSON.stringify({ ...metric, value: Math.round(metric.value * 100) / 100 })}\n`);
}

export function progress(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}

/** Microseconds for each of `runs` calls of `work`, after `warmup` untimed calls. */
export function timeEach(runs: number, work: (index: number) => void, warmup = Math.min(100, runs)): number[] {
  for (let index = 0; index < warmup; index += 1) work(index);
  const timings: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    work(index);
    timings.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return timings;
}

export async function timeEachAsync(runs: number, work: (index: number) => Promise<unknown>, warmup = Math.min(100, runs)): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await work(index);
  const timings: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    await work(index);
    timings.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return timings;
}

/** The value below which `share` of the timings fall (nearest rank). */
export function percentile(timings: readonly number[], share: number): number {
  const sorted = [...timings].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

export const median = (timings: readonly number[]) => percentile(timings, 0.5);
export const total = (timings: readonly number[]) => timings.reduce((sum, value) => sum + value, 0);
