// The concern form's rules as the page and dispatch both check them: a concern names its child, from the roster or in
// the person's own words (decision 0023), and every rule that was there before still holds.
import { describe, expect, it } from 'vitest';
import { concernInputSchema, NO_CHILD_NAMED } from '../../../../shared/concerns';

const AMY = '0192f5a0-7c1e-7000-8000-000000000a11';
const base = { occurredDate: '2026-11-23', occurredTime: '12:30', whatHappened: 'She flinched when I reached past her.' };
const problems = (input: unknown) => {
  const result = concernInputSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
};

describe('naming the child', () => {
  it('takes a pupil chosen from the roster', () => {
    expect(problems({ ...base, pupils: [{ pupilId: AMY, part: 'subject' }] })).toEqual({});
  });

  it('takes the child’s name and class in the person’s own words, trimmed, with no pupil chosen', () => {
    const parsed = concernInputSchema.parse({ ...base, pupils: [], childDescribed: '  Amy in 5H  ' });
    expect(parsed.childDescribed).toBe('Amy in 5H');
    expect(parsed.pupils).toEqual([]);
  });

  it('takes both, and defaults the words to empty', () => {
    expect(concernInputSchema.parse({ ...base, pupils: [{ pupilId: AMY, part: 'subject' }] }).childDescribed).toBe('');
    expect(problems({ ...base, pupils: [{ pupilId: AMY, part: 'subject' }], childDescribed: 'and her brother in Year 3' })).toEqual({});
  });

  it.each([
    ['nothing at all', {}],
    ['no pupil and empty words', { pupils: [], childDescribed: '' }],
    ['no pupil and only spaces', { pupils: [], childDescribed: '   \n ' }],
  ])('refuses %s, with the message on the pupil field', (_name, naming) => {
    expect(problems({ ...base, pupils: [], ...naming })).toEqual({ pupils: NO_CHILD_NAMED });
    expect(NO_CHILD_NAMED).toBe('Choose a pupil, or type the child’s name and class');
  });

  it('keeps the words to 500 characters, on their own field', () => {
    expect(problems({ ...base, pupils: [], childDescribed: 'a'.repeat(500) })).toEqual({});
    expect(problems({ ...base, pupils: [], childDescribed: 'a'.repeat(501) })).toEqual({ childDescribed: 'Keep the child’s name and class to 500 characters' });
  });
});

describe('the rules that were there before', () => {
  it('still refuses the same pupil twice, more than 30 pupils and a pupil id that is not an id', () => {
    expect(problems({ ...base, pupils: [{ pupilId: AMY, part: 'subject' }, { pupilId: AMY, part: 'witness' }] })).toEqual({ pupils: 'Each pupil can be added once' });
    const many = Array.from({ length: 31 }, (_, index) => ({ pupilId: `0192f5a0-7c1e-7000-8000-${String(index).padStart(12, '0')}`, part: 'involved' }));
    expect(problems({ ...base, pupils: many })).toEqual({ pupils: 'A concern can name at most 30 pupils' });
    expect(problems({ ...base, pupils: [{ pupilId: 'amy', part: 'subject' }] })).toEqual({ 'pupils.0.pupilId': 'Choose a pupil from the list' });
  });

  it('still asks an urgent concern whether a DSL was told, and for the words of what happened, beside the child’s words', () => {
    expect(problems({ ...base, pupils: [], childDescribed: 'Amy in 5H', urgent: true, whatHappened: ' ' })).toEqual({
      whatHappened: 'Describe what you saw or heard, in your own words',
      spokenToDslInPerson: 'Say whether you have spoken to a DSL in person',
    });
  });
});
