// The level suggestion, tested the way a DSL would use it on the London Continuum pack: tick what you see,
// and check the suggested level, the reasons, the route, the review interval and whom to call.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { completedMonthsOfAge, suggestLevel, validatePack, type Pack, type SuggestionInput } from '../../../../shared/thresholds/index';

const packPath = fileURLToPath(new URL('../../../../resources/packs/london-continuum-waltham-forest-2014.json', import.meta.url));

function loadLondonPack(): Pack {
  const validation = validatePack(JSON.parse(readFileSync(packPath, 'utf8')));
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.pack;
}

const london = loadLondonPack();
/** A 14-year-old (born 1 May 2012) assessed on 22 November 2026, unless a test says otherwise. */
const fourteenYearOld = { dateOfBirth: '2012-05-01', assessmentDate: '2026-11-22' };
const tick = (...indicatorIds: string[]): SuggestionInput['ticked'] => indicatorIds.map((indicatorId) => ({ indicatorId }));

describe('suggestLevel on the London Continuum', () => {
  it('suggests the highest level among the ticked needs and risks, with its band and route', () => {
    // Overcrowding (L2), history of domestic violence (L3), poor self-esteem (L2).
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l2-hf-01', 'l3-fr-01', 'l2-se-09') });
    expect(suggestion.level).toEqual({ id: 'level-3', code: '3', label: 'Complex' });
    expect(suggestion.band).toBe('child_in_need_s17');
    expect(suggestion.immediateAction).toBe(false);
    expect(suggestion.pathway?.id).toBe('level-3-action');
    expect(suggestion.drivers.map((driver) => [driver.indicatorId, driver.atSuggestedLevel])).toEqual([
      ['l3-fr-01', true],
      ['l2-se-09', false],
      ['l2-hf-01', false],
    ]);
    expect(suggestion.explanation[0]).toBe('Suggested level 3 (Complex), in the shared band child in need (Children Act 1989 s17).');
    expect(suggestion.explanation).toContain('At level 3: History of domestic violence');
  });

  it('never presents itself as a decision', () => {
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l3-fr-01') });
    expect(suggestion.disclaimer).toMatch(/not a decision/);
    expect(suggestion.disclaimer).toMatch(/designated safeguarding lead decides/);
    expect(suggestion.packStatus).toBe('historical — verify before use');
    expect(suggestion.packPublishedOn).toBe('2014-02');
  });

  it('short-circuits to the immediate-action route when a red flag is ticked, listing red flags first', () => {
    // Two lower-level items ticked first, then "suspected abuse or neglect" (a red flag).
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l2-hf-01', 'l3-fr-01', 'l4-fr-01') });
    expect(suggestion.immediateAction).toBe(true);
    expect(suggestion.pathway?.id).toBe(london.immediateActionPathwayId);
    expect(suggestion.pathway?.purpose).toBe('immediate_action');
    expect(suggestion.drivers[0]).toMatchObject({ indicatorId: 'l4-fr-01', kind: 'red_flag' });
    expect(suggestion.explanation[0]).toMatch(/^Act now: a red flag is ticked/);
    expect(suggestion.band).toBe('child_protection_s47');
    // The route says to telephone the front door or the police: 999 must be among the contacts.
    expect(suggestion.contacts.map((contact) => contact.id)).toEqual(['mash-front-door', 'police-emergency', 'referral-assessment-team']);
    expect(suggestion.contacts.find((contact) => contact.role === 'police')?.phone).toBe('999');
  });

  it('puts red flags before other Level 4 indicators even when they come later in the pack', () => {
    // "Challenging behaviour" (L4, risk) comes before "frequently missing" (L4, red flag) in the pack.
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l4-se-01', 'l4-se-09') });
    expect(suggestion.drivers.map((driver) => driver.indicatorId)).toEqual(['l4-se-09', 'l4-se-01']);
  });

  it('does not raise the level for strengths, and shows them as what is working well', () => {
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l1-le-02', 'l1-fr-02', 'l2-hf-01') });
    expect(suggestion.level.id).toBe('level-2');
    expect(suggestion.strengths.map((strength) => strength.indicatorId)).toEqual(['l1-le-02', 'l1-fr-02']);
    expect(suggestion.drivers.map((driver) => driver.indicatorId)).toEqual(['l2-hf-01']);
  });

  it('suggests the first level, in its lowest band, when nothing of concern is ticked', () => {
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l1-le-02') });
    expect(suggestion.level.id).toBe('level-1');
    expect(suggestion.band).toBe('universal');
    expect(suggestion.reviewInterval).toEqual({ amount: 4, unit: 'weeks' });
  });

  it('gives the review interval of the suggested level', () => {
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l2-le-01') });
    expect(suggestion.reviewInterval).toEqual({ amount: 3, unit: 'months' });
    expect(suggestion.pathway?.id).toBe('level-2-action');
  });

  it('builds a per-domain profile: high in one domain, low in another', () => {
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l2-le-01', 'l4-hf-01', 'l2-hf-02') });
    expect(suggestion.domainProfile.map((entry) => [entry.domainId, entry.levelCode, entry.indicatorIds])).toEqual([
      ['learning-education', '2', ['l2-le-01']],
      ['housing-employment-finance', '4', ['l4-hf-01', 'l2-hf-02']],
    ]);
  });

  it('keeps each observation with the indicator it supports, and the doubt about its transcription', () => {
    const suggestion = suggestLevel(london, {
      ...fourteenYearOld,
      ticked: [{ indicatorId: 'l3-fr-05', observation: 'Sits alone every lunchtime; says no one at home talks to him.' }],
    });
    expect(suggestion.drivers[0]).toMatchObject({
      observation: 'Sits alone every lunchtime; says no one at home talks to him.',
      doubt: expect.stringContaining('domain inferred'),
    });
  });

  it('reports ticked ids the pack does not know instead of failing', () => {
    const suggestion = suggestLevel(london, { ...fourteenYearOld, ticked: tick('l2-le-01', 'withdrawn-indicator') });
    expect(suggestion.unknownIndicatorIds).toEqual(['withdrawn-indicator']);
    expect(suggestion.level.id).toBe('level-2');
  });
});

describe('age limits', () => {
  // "Under 13 and engaged in sexual activity" is a Level 4 red flag; "early onset of sexual activity (13–14)" is Level 2.
  const underThirteen = 'l4-se-08';
  const thirteenToFourteen = 'l2-se-06';

  it('applies an under-13 red flag to a 12-year-old, the day before their 13th birthday', () => {
    const suggestion = suggestLevel(london, { dateOfBirth: '2013-11-22', assessmentDate: '2026-11-21', ticked: tick(underThirteen) });
    expect(suggestion.immediateAction).toBe(true);
    expect(suggestion.ignoredForAge).toEqual([]);
  });

  it('ignores the under-13 indicator on the 13th birthday, and says why', () => {
    const suggestion = suggestLevel(london, { dateOfBirth: '2013-11-22', assessmentDate: '2026-11-22', ticked: tick(underThirteen) });
    expect(suggestion.immediateAction).toBe(false);
    expect(suggestion.ignoredForAge).toEqual([
      expect.objectContaining({ indicatorId: underThirteen, reason: 'Applies to children under 13; this child is 13 years old on 22/11/2026.' }),
    ]);
    expect(suggestion.explanation.at(-1)).toMatch(/^Not counted:/);
  });

  it('applies the 13–14 indicator only from 13 until the 15th birthday', () => {
    const at = (assessmentDate: string) =>
      suggestLevel(london, { dateOfBirth: '2012-03-10', assessmentDate, ticked: tick(thirteenToFourteen) }).level.id;
    expect(at('2025-03-09')).toBe('level-1');
    expect(at('2025-03-10')).toBe('level-2');
    expect(at('2027-03-09')).toBe('level-2');
    expect(at('2027-03-10')).toBe('level-1');
  });

  it('counts age-limited indicators when the date of birth is unknown, and says the age was not checked', () => {
    const suggestion = suggestLevel(london, { dateOfBirth: null, assessmentDate: '2026-11-22', ticked: tick(underThirteen) });
    expect(suggestion.immediateAction).toBe(true);
    expect(suggestion.ageNotChecked).toEqual([underThirteen]);
  });

  it('works in months for babies', () => {
    const pack: Pack = structuredClone(london);
    pack.indicators.push({
      id: 'test-bruise-non-mobile-baby',
      levelId: 'level-4',
      text: 'Bruising on a baby who is not yet mobile',
      kind: 'red_flag',
      ageLimits: { under: { value: 6, unit: 'months' } },
      source: { seed: 'test', lines: [1, 1] },
    });
    const at = (assessmentDate: string) =>
      suggestLevel(pack, { dateOfBirth: '2026-05-31', assessmentDate, ticked: tick('test-bruise-non-mobile-baby') }).immediateAction;
    expect(at('2026-11-29')).toBe(true);
    expect(at('2026-11-30')).toBe(true); // 30 November: the month completes on the 31st, which November lacks, so still 5 months.
    expect(at('2026-12-01')).toBe(false);
  });

  it('counts completed months and years the English way, including 29 February birthdays', () => {
    expect(completedMonthsOfAge('2012-02-29', '2025-02-28')).toBe(12 * 13 - 1);
    expect(completedMonthsOfAge('2012-02-29', '2025-03-01')).toBe(12 * 13);
    expect(completedMonthsOfAge('2026-01-15', '2026-02-14')).toBe(0);
    expect(completedMonthsOfAge('2026-01-15', '2026-02-15')).toBe(1);
  });
});

describe('accumulation rules', () => {
  // Modelled on Rutland's rule (seed 003): the third unmet need triggers an assessment. Here: needs at Level 2
  // in three different domains raise the suggestion to Level 3.
  const withRule: Pack = structuredClone(london);
  withRule.rules = [
    ...(withRule.rules ?? []),
    {
      id: 'third-unmet-need',
      kind: 'accumulation',
      description: 'A third unmet need, in a third domain, calls for a fuller assessment',
      countKinds: ['need', 'risk'],
      countDistinct: 'domains',
      atLevelIds: ['level-2'],
      atLeast: 3,
      raiseToLevelId: 'level-3',
      pathwayId: 'step-up',
      source: { seed: 'test', lines: [1, 1] },
    },
  ];

  it('does not raise the level for two needs', () => {
    const suggestion = suggestLevel(withRule, { ...fourteenYearOld, ticked: tick('l2-le-01', 'l2-hf-01') });
    expect(suggestion.level.id).toBe('level-2');
    expect(suggestion.rulesApplied).toEqual([]);
  });

  it('raises the level when the third need is ticked, and says which rule did it', () => {
    const suggestion = suggestLevel(withRule, { ...fourteenYearOld, ticked: tick('l2-le-01', 'l2-hf-01', 'l2-bc-01') });
    expect(suggestion.level.id).toBe('level-3');
    expect(suggestion.rulesApplied).toEqual([
      { ruleId: 'third-unmet-need', description: 'A third unmet need, in a third domain, calls for a fuller assessment', count: 3, raisedToLevelId: 'level-3' },
    ]);
    expect(suggestion.pathway?.id).toBe('step-up');
    expect(suggestion.explanation).toContain(
      'Rule: A third unmet need, in a third domain, calls for a fuller assessment (3 counted), so the suggestion is raised to level 3 (Complex).',
    );
  });

  it('counts domains, not indicators, when the rule says so', () => {
    const suggestion = suggestLevel(withRule, { ...fourteenYearOld, ticked: tick('l2-le-01', 'l2-le-02', 'l2-le-03') });
    expect(suggestion.level.id).toBe('level-2');
  });

  it('does not count strengths towards the rule', () => {
    const suggestion = suggestLevel(withRule, { ...fourteenYearOld, ticked: tick('l2-le-01', 'l2-hf-01', 'l1-cr-01') });
    expect(suggestion.level.id).toBe('level-2');
  });
});
