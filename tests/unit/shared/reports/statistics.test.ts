// The median and percentiles read from counts of each value must be exactly what they are on the values written out.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../electron/core/demoData/random';
import { median, percentile, sortedFromCounts, sortedNumbers } from '../../../../shared/reports/statistics';

describe('statistics from counts', () => {
  it('gives the same median, 90th percentile and every position as the values written out in order', () => {
    const random = seededRandom(3);
    for (let round = 0; round < 200; round += 1) {
      const counts = Array.from({ length: random.int(0, 12) }, () => ({ value: random.int(0, 50), count: random.int(0, 4) }));
      const written = sortedNumbers(counts.flatMap((row) => new Array<number>(row.count).fill(row.value)));
      const fromCounts = sortedFromCounts(counts);
      expect(fromCounts.length).toBe(written.length);
      expect(median(fromCounts)).toBe(median(written));
      expect(percentile(fromCounts, 0.9)).toBe(percentile(written, 0.9));
      for (let index = 0; index <= written.length; index += 1) expect(fromCounts.at(index)).toBe(written.at(index));
    }
  });

  it('works a small case by hand: 10 ×2, 20 ×1, 40 ×3 → 10, 10, 20, 40, 40, 40', () => {
    const sorted = sortedFromCounts([{ value: 40, count: 3 }, { value: 10, count: 2 }, { value: 20, count: 1 }]);
    // Six values: the median is the mean of the 3rd and 4th, (20 + 40) / 2; the 90th percentile is the 6th (ceil 5.4).
    expect(median(sorted)).toBe(30);
    expect(percentile(sorted, 0.9)).toBe(40);
    expect(percentile(sorted, 0.5)).toBe(20);
  });
});
