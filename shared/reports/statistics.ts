// Small statistics with one meaning each, so every number in the report is worked out the same way.

/** Values in ascending order, read by position: a sorted array, or counts of each value (see `sortedFromCounts`). */
export interface SortedValues {
  readonly length: number;
  at(index: number): number | undefined;
}

/** The middle value (the mean of the two middle values for an even count); null for none. */
export function median(sorted: SortedValues): number | null {
  const count = sorted.length;
  if (count === 0) return null;
  const middle = Math.floor(count / 2);
  return count % 2 === 1 ? sorted.at(middle)! : (sorted.at(middle - 1)! + sorted.at(middle)!) / 2;
}

/** Nearest-rank percentile: the smallest value with at least `share` of the values at or below it. */
export function percentile(sorted: SortedValues, share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted.at(Math.max(0, Math.ceil(share * sorted.length) - 1))!;
}

export function sortedNumbers(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * A histogram read as if every value were written out in order: 150,000 read times are a few thousand distinct
 * minutes, so the median and percentiles need no array of 150,000 numbers.
 */
export function sortedFromCounts(counts: ReadonlyArray<{ value: number; count: number }>): SortedValues {
  const rows = counts.filter((row) => row.count > 0).sort((a, b) => a.value - b.value);
  const endsAt: number[] = [];
  let total = 0;
  for (const row of rows) endsAt.push((total += row.count));
  return {
    length: total,
    at(index) {
      if (index < 0 || index >= total) return undefined;
      let low = 0;
      let high = rows.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (endsAt[middle]! > index) high = middle;
        else low = middle + 1;
      }
      return rows[low]!.value;
    },
  };
}

/** The whole-number percentage `part` is of `whole`; null when `whole` is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((100 * part) / whole);
}

/**
 * A change between two percentages is the difference in percentage points ("up 5 percentage points"), not a
 * percentage of a percentage; null when either is missing.
 */
export function pointsChangeText(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const points = current - previous;
  if (points === 0) return 'no change';
  const size = `${Math.abs(points)} percentage ${Math.abs(points) === 1 ? 'point' : 'points'}`;
  return points > 0 ? `up ${size}` : `down ${size}`;
}

/** "up 18%", "down 5%", "no change"; null when there was nothing before to compare with. */
export function changeText(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null || previous === 0) return null;
  const change = Math.round((100 * (current - previous)) / previous);
  if (change === 0) return 'no change';
  return change > 0 ? `up ${change}%` : `down ${-change}%`;
}

/**
 * Rising or falling when a straight line fitted through the counts (least squares) changes by at least a tenth of
 * the average count over the period; steady otherwise, and always with fewer than three points.
 */
export function trendOf(counts: readonly number[]): 'rising' | 'falling' | 'steady' {
  const n = counts.length;
  if (n < 3) return 'steady';
  const meanX = (n - 1) / 2;
  const meanY = counts.reduce((sum, value) => sum + value, 0) / n;
  if (meanY === 0) return 'steady';
  let numerator = 0;
  let denominator = 0;
  counts.forEach((value, index) => {
    numerator += (index - meanX) * (value - meanY);
    denominator += (index - meanX) ** 2;
  });
  const riseOverPeriod = (numerator / denominator) * (n - 1);
  if (Math.abs(riseOverPeriod) < 0.1 * meanY) return 'steady';
  return riseOverPeriod > 0 ? 'rising' : 'falling';
}
