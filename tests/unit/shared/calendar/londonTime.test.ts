import { afterEach, describe, expect, it } from 'vitest';
import {
  endOfLondonDay,
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatTime,
  londonParts,
  startOfLondonDay,
} from '../../../../shared/calendar';

describe('London local time', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  it('shows 23:30 UTC on 30/06/2026 as 01/07/2026 00:30, because London is on BST', () => {
    const instant = new Date('2026-06-30T23:30:00Z');
    expect(formatDate(instant)).toBe('01/07/2026');
    expect(formatTime(instant)).toBe('00:30');
    expect(formatDateTime(instant)).toBe('01/07/2026 00:30');
  });

  it('shows 23:30 UTC on 30/12/2026 as 30/12/2026 23:30, because London is on GMT', () => {
    expect(formatDateTime(new Date('2026-12-30T23:30:00Z'))).toBe('30/12/2026 23:30');
  });

  it('uses a 24-hour clock', () => {
    expect(formatTime(new Date('2026-11-20T16:30:00Z'))).toBe('16:30');
  });

  it('shows London time whatever time zone the computer is set to', () => {
    process.env.TZ = 'Pacific/Auckland';
    expect(formatDateTime(new Date('2026-06-30T23:30:00Z'))).toBe('01/07/2026 00:30');
    expect(londonParts(new Date('2026-06-30T23:30:00Z')).isoDate).toBe('2026-07-01');
  });

  it('gives the London date, weekday (Monday = 1) and wall-clock minutes', () => {
    expect(londonParts(new Date('2026-11-20T16:30:00Z'))).toEqual({ isoDate: '2026-11-20', weekday: 5, minutes: 990 });
    expect(londonParts(new Date('2026-11-22T10:00:00Z'))).toEqual({ isoDate: '2026-11-22', weekday: 7, minutes: 600 });
    expect(londonParts(new Date('2026-07-02T23:30:00Z'))).toEqual({ isoDate: '2026-07-03', weekday: 5, minutes: 30 });
  });

  it('follows the clocks going forward on 29/03/2026 and back on 25/10/2026', () => {
    expect(londonParts(new Date('2026-03-29T00:59:00Z')).minutes).toBe(59); // 00:59 GMT
    expect(londonParts(new Date('2026-03-29T01:00:00Z')).minutes).toBe(120); // 02:00 BST: 01:xx never happens
    expect(londonParts(new Date('2026-10-25T00:30:00Z')).minutes).toBe(90); // 01:30 BST
    expect(londonParts(new Date('2026-10-25T01:30:00Z')).minutes).toBe(90); // 01:30 GMT, the second time round
  });

  it('starts and ends London days at local midnight in GMT and BST', () => {
    expect(startOfLondonDay('2026-11-23').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(endOfLondonDay('2026-11-23').toISOString()).toBe('2026-11-23T23:59:59.999Z');
    expect(startOfLondonDay('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(endOfLondonDay('2026-07-01').toISOString()).toBe('2026-07-01T22:59:59.999Z');
  });

  it('makes the clock-change days 23 and 25 hours long', () => {
    const hours = (isoDate: string) => (endOfLondonDay(isoDate).getTime() + 1 - startOfLondonDay(isoDate).getTime()) / 3_600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-10-26')).toBe(24);
  });

  it('formats a stored calendar date without moving it through a time zone', () => {
    expect(formatIsoDate('2016-03-04')).toBe('04/03/2016');
  });

  it('refuses an invalid instant instead of printing "Invalid Date"', () => {
    expect(() => formatDate(new Date('not a date'))).toThrow(RangeError);
  });
});
