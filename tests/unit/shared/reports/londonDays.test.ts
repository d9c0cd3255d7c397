import { describe, expect, it } from 'vitest';
import { londonIsoDate } from '../../../../shared/calendar';
import { londonDateOf, periodInstants } from '../../../../shared/reports';

describe('London dates of stored instants', () => {
  it('agrees with the general calendar code either side of every clock change', () => {
    const instants: string[] = [];
    for (const day of ['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25', '2025-03-30', '2025-10-26', '2026-06-30', '2026-12-31']) {
      for (let hour = 0; hour < 24; hour += 1) for (const minute of [0, 30, 59]) instants.push(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`);
    }
    for (const instant of instants) expect(londonDateOf(instant), instant).toBe(londonIsoDate(new Date(instant)));
  });

  it('puts 23:30 UTC on a summer evening on the next London day, and in winter on the same day', () => {
    expect(londonDateOf('2026-07-01T23:30:00.000Z')).toBe('2026-07-02');
    expect(londonDateOf('2026-12-01T23:30:00.000Z')).toBe('2026-12-01');
  });

  it('bounds a period of London dates by London midnights', () => {
    expect(periodInstants('2026-07-01', '2026-07-31')).toEqual({ start: '2026-06-30T23:00:00.000Z', end: '2026-07-31T23:00:00.000Z' });
    expect(periodInstants('2026-11-01', '2026-11-30')).toEqual({ start: '2026-11-01T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' });
  });
});
