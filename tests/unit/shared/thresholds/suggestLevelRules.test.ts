// Accumulation rules and the disclaimer, on a small pack made here rather than a shipped one, so the engine is
// tested on its own terms whatever the council packs say: a rule may raise a suggestion, never lower one; it
// counts only the kinds and levels it names, indicators or domains as it says; and a council's own rule in a
// partnership pack applies to that council (and its districts) only.
import { describe, expect, it } from 'vitest';
import { suggestLevel, type Pack, type SuggestionInput } from '../../../../shared/thresholds/index';
import { indicator, level, pathway, smallPack, testSource } from '../../../fixtures/packs/smallPack';

type Rule = NonNullable<Pack['rules']>[number];

const rule = (id: string, fields: Partial<Omit<Rule & { kind: 'accumulation' }, 'kind'>>): Rule => ({
  id,
  kind: 'accumulation',
  description: id,
  countKinds: ['need', 'risk'],
  countDistinct: 'indicators',
  atLeast: 3,
  raiseToLevelId: 'targeted',
  source: testSource,
  ...fields,
});

const packWith = (rules: Rule[]): Pack =>
  smallPack({
    id: 'rules-test',
    levels: [
      level('universal', 1, ['universal']),
      level('emerging', 2, ['emerging']),
      level('targeted', 3, ['early_help'], { recommendedPathwayId: 'team-around-family' }),
      level('specialist', 4, ['child_in_need_s17', 'child_protection_s47']),
    ],
    domains: [
      { id: 'health', label: 'Health' },
      { id: 'family', label: 'Family' },
      { id: 'home', label: 'Home and community' },
    ],
    indicators: [
      indicator('home-need-1', 'universal', 'need', 'home'),
      indicator('health-need-2', 'emerging', 'need', 'health'),
      indicator('family-need-2', 'emerging', 'need', 'family'),
      indicator('family-other-need-2', 'emerging', 'need', 'family'),
      indicator('home-need-2', 'emerging', 'need', 'home'),
      indicator('ungrouped-need-2', 'emerging', 'need'),
      indicator('health-need-3', 'targeted', 'need', 'health'),
      indicator('family-risk-4', 'specialist', 'risk', 'family'),
      indicator('family-strength', 'universal', 'strength', 'family'),
    ],
    pathways: [
      pathway('act-now', 'immediate_action', ['specialist']),
      pathway('team-around-family', 'early_help', ['targeted']),
      pathway('early-help-assessment', 'early_help', ['targeted']),
    ],
    immediateActionPathwayId: 'act-now',
    rules,
  });

const suggest = (pack: Pack, ticked: string[], areaId?: string) =>
  suggestLevel(pack, {
    dateOfBirth: '2016-04-01',
    assessmentDate: '2026-11-22',
    ticked: ticked.map((indicatorId) => ({ indicatorId })) satisfies SuggestionInput['ticked'],
    ...(areaId === undefined ? {} : { areaId }),
  });

describe('accumulation rules', () => {
  it('raise the suggestion when enough needs are ticked, and say so, taking the rule\'s own route', () => {
    const pack = packWith([rule('three-needs', { pathwayId: 'early-help-assessment' })]);
    const suggestion = suggest(pack, ['health-need-2', 'family-need-2', 'home-need-2']);
    expect(suggestion.level.id).toBe('targeted');
    expect(suggestion.rulesApplied).toEqual([{ ruleId: 'three-needs', description: 'three-needs', count: 3, raisedToLevelId: 'targeted' }]);
    expect(suggestion.pathway?.id).toBe('early-help-assessment');
    expect(suggestion.explanation).toContain('Rule: three-needs (3 counted), so the suggestion is raised to level 3 (targeted).');
    // One fewer and the rule does not fire: level 2, on the level's own route.
    const fewer = suggest(pack, ['health-need-2', 'family-need-2']);
    expect(fewer.level.id).toBe('emerging');
    expect(fewer.rulesApplied).toEqual([]);
  });

  it('never lower a level-4 suggestion that the indicators reached on their own', () => {
    // A rule pointing at level 3 fires on any one need or risk; the child already has a level-4 risk ticked.
    const pack = packWith([rule('any-need', { atLeast: 1, pathwayId: 'early-help-assessment' })]);
    const suggestion = suggest(pack, ['family-risk-4', 'health-need-2']);
    expect(suggestion.level.id).toBe('specialist');
    expect(suggestion.band).toBe('child_protection_s47');
    expect(suggestion.rulesApplied).toEqual([{ ruleId: 'any-need', description: 'any-need', count: 2 }]);
    expect(suggestion.pathway?.id).not.toBe('early-help-assessment');
    expect(suggestion.explanation).toContain('Rule: any-need (2 counted); the suggestion is already at or above the level it points to.');
  });

  it('count only indicators at the levels the rule names (atLevelIds)', () => {
    const pack = packWith([rule('three-at-level-2', { atLevelIds: ['emerging'] })]);
    // Three needs, but one of them is at level 1: only two count.
    const belowLevel = suggest(pack, ['health-need-2', 'family-need-2', 'home-need-1']);
    expect(belowLevel.level.id).toBe('emerging');
    expect(belowLevel.rulesApplied).toEqual([]);
    expect(suggest(pack, ['health-need-2', 'family-need-2', 'home-need-2']).rulesApplied).toMatchObject([{ count: 3, raisedToLevelId: 'targeted' }]);
  });

  it('count only the kinds of indicator the rule names: strengths never add up to a concern', () => {
    const pack = packWith([rule('three-needs', {})]);
    const suggestion = suggest(pack, ['health-need-2', 'family-need-2', 'family-strength']);
    expect(suggestion.level.id).toBe('emerging');
    expect(suggestion.rulesApplied).toEqual([]);
  });

  it('count indicators or domains as the rule says', () => {
    // Two needs in the family domain and one in health: three indicators, two domains.
    const ticked = ['family-need-2', 'family-other-need-2', 'health-need-2'];
    const byIndicator = suggest(packWith([rule('three-indicators', { countDistinct: 'indicators' })]), ticked);
    expect(byIndicator.level.id).toBe('targeted');
    expect(byIndicator.rulesApplied).toMatchObject([{ ruleId: 'three-indicators', count: 3 }]);

    const domainsRule = packWith([rule('three-domains', { countDistinct: 'domains' })]);
    expect(suggest(domainsRule, ticked).level.id).toBe('emerging');
    expect(suggest(domainsRule, ticked).rulesApplied).toEqual([]);
    // A need printed under no domain counts as a domain of its own rather than being lost.
    expect(suggest(domainsRule, [...ticked, 'ungrouped-need-2']).rulesApplied).toMatchObject([{ ruleId: 'three-domains', count: 3, raisedToLevelId: 'targeted' }]);
  });

  it('apply a council\'s own rule to that council and its districts only', () => {
    const pack = packWith([rule('rutland-two-needs', { atLeast: 2, areaIds: ['rutland'] })]);
    const ticked = ['health-need-2', 'family-need-2'];
    expect(suggest(pack, ticked, 'rutland').level.id).toBe('targeted');
    expect(suggest(pack, ticked, 'oakham').level.id).toBe('targeted');
    const leicester = suggest(pack, ticked, 'leicester');
    expect(leicester.level.id).toBe('emerging');
    expect(leicester.rulesApplied).toEqual([]);
  });
});

describe('the disclaimer shown with every suggestion', () => {
  it('says it is not a decision, who decides, and to call 999 if a child is in immediate danger', () => {
    const suggestion = suggest(packWith([]), ['health-need-2']);
    expect(suggestion.disclaimer).toBe(
      'This is a suggestion drawn from the local authority\'s published thresholds, not a decision. ' +
        'The designated safeguarding lead decides what happens and records the reasons. ' +
        'If a child is in immediate danger, call 999.',
    );
  });
});
