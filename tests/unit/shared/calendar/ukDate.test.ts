import { describe, expect, it } from 'vitest';
import { parseUkDate, ukDateSchema } from '../../../../shared/calendar';

describe('reading a date typed the UK way', () => {
  it.each([
    ['22/11/2026', '2026-11-22'],
    ['4/3/2016', '2016-03-04'],
    ['  04/03/2016 ', '2016-03-04'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %s as %s (day first)', (text, isoDate) => {
    expect(parseUkDate(text)).toEqual({ ok: true, isoDate });
  });

  it('asks for a date when the field is empty', () => {
    expect(parseUkDate('   ')).toEqual({ ok: false, message: 'Enter a date, for example 22/11/2026' });
  });

  it.each(['31/02/2026', '29/02/2027', '00/11/2026', '22/13/2026', '11/22/2026', '2026-11-22', '22/11/26', '22 November 2026', '22/11/0026'])(
    'refuses %s with a message that shows the expected form',
    (text) => {
      expect(parseUkDate(text)).toEqual({ ok: false, message: 'Enter a real date, for example 22/11/2026' });
    },
  );

  it('gives forms the same rule and message through a zod schema', () => {
    expect(ukDateSchema.parse('22/11/2026')).toBe('2026-11-22');
    const result = ukDateSchema.safeParse('31/02/2026');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter a real date, for example 22/11/2026');
  });
});
