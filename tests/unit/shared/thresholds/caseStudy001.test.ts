// Seed 001's own case study (lines 723–767) follows one boy from good outcomes through emerging, multiple and
// complex needs. Ticking what a DSL would tick at each stage must walk the suggestion up the same levels — and the
// case never reaches the immediate-action route, because nothing in it is an immediate risk.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPackLibrary, suggestLevel } from '../../../../shared/thresholds/index';

const packPath = fileURLToPath(new URL('../../../../resources/packs/waltham-forest-right-conversation-2016.json', import.meta.url));
const library = loadPackLibrary([JSON.parse(readFileSync(packPath, 'utf8'))]);
const pack = library.packs.get('waltham-forest-right-conversation-2016')!;
const bornOn = '2010-05-01';

const stages = [
  {
    seedLabel: 'Good outcomes',
    on: '2016-09-01',
    // Age 6, making expected progress; parents provide for him; father supports the family financially.
    ticked: ['go-le-01', 'go-bc-01', 'go-ew-01', 'go-hf-01'],
    expectedLevel: 'good-outcomes',
  },
  {
    seedLabel: 'Emerging needs',
    on: '2017-09-01',
    // Withdrawn in class, poor punctuality, father gone with no support, bereavement, mother's depression.
    ticked: ['l1-se-01', 'l1-le-01', 'l1-fh-03', 'l1-fh-04'],
    expectedLevel: 'level-1',
  },
  {
    seedLabel: 'Multiple needs',
    on: '2018-03-01',
    // Attendance 91%, disengaged; worried about Mum who cannot get out of bed; mentoring has not helped.
    ticked: ['l2-eh-01', 'l2-eh-06', 'l2-def-03', 'l2-def-02', 'l1-fh-04'],
    expectedLevel: 'level-2',
  },
  {
    seedLabel: 'Complex needs',
    on: '2018-09-01',
    // Attendance below 85%, low mood, signs of neglect; no progress on the Family Plan for four months; the child's
    // needs now come second to the mother's.
    ticked: ['l3-su-02', 'l3-def-04', 'l2-def-01', 'l2-eh-01', 'l2-eh-06'],
    expectedLevel: 'level-3',
  },
];

describe('seed 001’s case study: one boy through the levels', () => {
  it('loads the pack the case study belongs to', () => {
    expect(library.problems).toEqual([]);
    expect(pack.levels.map((level) => level.label)).toEqual(stages.map((stage) => stage.seedLabel).concat('Acute needs'));
  });

  it.each(stages)('suggests “$seedLabel” for what the school sees at that stage', ({ on, ticked, expectedLevel }) => {
    const suggestion = suggestLevel(pack, { ticked: ticked.map((indicatorId) => ({ indicatorId })), dateOfBirth: bornOn, assessmentDate: on });
    expect(suggestion.unknownIndicatorIds).toEqual([]);
    expect(suggestion.level.id).toBe(expectedLevel);
    expect(suggestion.immediateAction).toBe(false);
  });

  it('rises one level at a time as the needs accumulate', () => {
    const order = pack.levels.map((level) => level.id);
    const reached = stages.map(({ on, ticked }) => order.indexOf(suggestLevel(pack, { ticked: ticked.map((indicatorId) => ({ indicatorId })), dateOfBirth: bornOn, assessmentDate: on }).level.id));
    expect(reached).toEqual([0, 1, 2, 3]);
  });

  it('sends the case straight to the immediate-action route if the DSL ticks the hygiene red flag (the seed’s own trap)', () => {
    const suggestion = suggestLevel(pack, { ticked: [...stages[3]!.ticked, 'l4-ir-13'].map((indicatorId) => ({ indicatorId })), dateOfBirth: bornOn, assessmentDate: '2018-09-01' });
    expect(suggestion.immediateAction).toBe(true);
    expect(suggestion.drivers[0]?.indicatorId).toBe('l4-ir-13');
  });
});
