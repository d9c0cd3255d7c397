// What the DSL reads under a suggestion, line for line, on a small pack made here: which sentence opens it, how red
// flags, the indicators at the level, those below it, the rules and the age checks are each put. Whole arrays, so a
// changed or lost word in any line is noticed, not just the line a test happened to look for.
import { describe, expect, it } from 'vitest';
import { suggestLevel, type Pack } from '../../../../shared/thresholds/index';
import { indicator, level, pathway, smallPack, testSource } from '../../../fixtures/packs/smallPack';

const under13 = { ...indicator('under-13-alone', 'targeted', 'risk', 'home'), ageLimits: { under: { value: 13, unit: 'years' } } };

const pack: Pack = smallPack({
  id: 'explain-test',
  levels: [
    level('universal', 1, ['universal']),
    level('emerging', 2, ['emerging']),
    level('targeted', 3, ['early_help']),
    level('specialist', 4, ['child_in_need_s17', 'child_protection_s47']),
  ],
  domains: [
    { id: 'health', label: 'Health' },
    { id: 'home', label: 'Home and community' },
  ],
  indicators: [
    indicator('health-need-2', 'emerging', 'need', 'health'),
    indicator('home-need-2', 'emerging', 'need', 'home'),
    indicator('health-need-3', 'targeted', 'need', 'health'),
    under13,
    indicator('flag-one', 'specialist', 'red_flag', 'home'),
    indicator('flag-two', 'specialist', 'red_flag', 'health'),
    indicator('strength', 'universal', 'strength', 'home'),
  ],
  pathways: [{ ...pathway('act-now', 'immediate_action', ['specialist']), title: 'Phone the front door now' }, pathway('team-around-family', 'early_help', ['targeted'])],
  immediateActionPathwayId: 'act-now',
  rules: [
    { id: 'two-needs', kind: 'accumulation', description: 'Two needs at level 2', countKinds: ['need'], countDistinct: 'indicators', atLeast: 2, atLevelIds: ['emerging'], raiseToLevelId: 'targeted', source: testSource },
  ],
});

const explain = (ticked: string[], dateOfBirth: string | null = '2016-04-01') =>
  suggestLevel(pack, { dateOfBirth, assessmentDate: '2026-11-22', ticked: ticked.map((indicatorId) => ({ indicatorId })) }).explanation;

describe('the explanation under a suggestion', () => {
  it('says plainly when nothing of concern is ticked, strengths included', () => {
    expect(explain(['strength'])).toEqual(['No needs or risks are ticked, so the suggestion is the first level, level 1 (universal): universal services.']);
  });

  it('opens with "act now" for one red flag, names the route, and lists the flag before the rest', () => {
    expect(explain(['health-need-2', 'flag-one'])).toEqual([
      'Act now: a red flag is ticked, so the local guidance\'s immediate-action route applies whatever else is counted ("Phone the front door now").',
      'Suggested level 4 (specialist), in the shared band child protection (Children Act 1989 s47).',
      'Red flag (level 4): flag-one',
      '1 more ticked indicator sits at lower levels.',
    ]);
  });

  it('counts two red flags in words, and more than one lower indicator in the plural', () => {
    expect(explain(['flag-one', 'flag-two', 'health-need-3', 'home-need-2'])).toEqual([
      'Act now: 2 red flags are ticked, so the local guidance\'s immediate-action route applies whatever else is counted ("Phone the front door now").',
      'Suggested level 4 (specialist), in the shared band child protection (Children Act 1989 s47).',
      'Red flag (level 4): flag-one',
      'Red flag (level 4): flag-two',
      '2 more ticked indicators sit at lower levels.',
    ]);
  });

  it('names the indicators that set the level when they alone set it, and a rule that adds nothing as already met', () => {
    expect(explain(['health-need-3', 'health-need-2', 'home-need-2'])).toEqual([
      'Suggested level 3 (targeted), in the shared band early help.',
      'At level 3: health-need-3',
      '2 more ticked indicators sit at lower levels.',
      'Rule: Two needs at level 2 (2 counted); the suggestion is already at or above the level it points to.',
    ]);
  });

  it('leaves out "at level" lines when a rule, not the indicators, set the level, and says the rule raised it', () => {
    expect(explain(['health-need-2', 'home-need-2'])).toEqual([
      'Suggested level 3 (targeted), in the shared band early help.',
      '2 more ticked indicators sit at lower levels.',
      'Rule: Two needs at level 2 (2 counted), so the suggestion is raised to level 3 (targeted).',
    ]);
  });

  it('says which indicator was not counted for the child’s age, and when the age could not be checked', () => {
    expect(explain(['under-13-alone', 'health-need-2'], '2012-05-01')).toEqual([
      'Suggested level 2 (emerging), in the shared band emerging needs.',
      'At level 2: health-need-2',
      'Not counted: "under-13-alone". Applies to children under 13; this child is 14 years old on 22/11/2026.',
    ]);
    expect(explain(['under-13-alone'], null)).toEqual([
      'Suggested level 3 (targeted), in the shared band early help.',
      'At level 3: under-13-alone',
      'The date of birth is not recorded, so 1 age-limited indicator(s) were counted without checking the age.',
    ]);
  });
});

describe('what a suggestion counts and lists', () => {
  const suggest = (ticked: string[], withPack: Pack = pack) => suggestLevel(withPack, { dateOfBirth: '2016-04-01', assessmentDate: '2026-11-22', ticked: ticked.map((indicatorId) => ({ indicatorId })) });

  it('counts an indicator ticked twice once, in the drivers and towards a rule', () => {
    const suggestion = suggest(['health-need-2', 'health-need-2']);
    expect(suggestion.drivers.map((driver) => driver.indicatorId)).toEqual(['health-need-2']);
    expect(suggestion.rulesApplied).toEqual([]);
    expect(suggestion.level.id).toBe('emerging');
  });

  it('shows a procedure rule to the DSL but never applies it as if it counted something', () => {
    const withProcedure = smallPack({
      ...pack,
      rules: [...(pack.rules ?? []), { id: 'open-case', kind: 'procedure', when: 'A new concern arises on an open case', then: 'Tell the lead professional.', source: testSource }],
    });
    expect(suggest(['health-need-2'], withProcedure).rulesApplied).toEqual([]);
  });

  it('profiles each domain at its highest ticked level, in the pack’s order of domains', () => {
    expect(suggest(['home-need-2', 'health-need-2', 'health-need-3']).domainProfile).toEqual([
      { domainId: 'health', domainLabel: 'Health', levelId: 'targeted', levelCode: '3', indicatorIds: ['health-need-2', 'health-need-3'] },
      { domainId: 'home', domainLabel: 'Home and community', levelId: 'emerging', levelCode: '2', indicatorIds: ['home-need-2'] },
    ]);
  });

  it('lists the drivers red flags first, then highest level, then in the pack’s own order', () => {
    expect(suggest(['home-need-2', 'health-need-3', 'flag-two', 'health-need-2', 'flag-one']).drivers.map((driver) => driver.indicatorId)).toEqual(['flag-one', 'flag-two', 'health-need-3', 'health-need-2', 'home-need-2']);
  });
});

describe('whom a suggestion says to contact', () => {
  it('gives each contact the route names once, by id or by role, and nobody for a role the pack has no one in', () => {
    const withContacts = smallPack({
      ...pack,
      pathways: [
        { ...pathway('act-now', 'immediate_action', ['specialist'], { action: 'Phone the front door, and the police if needed.', contactIds: ['front-door'], contactRoles: ['mash_front_door', 'police', 'lado'] }) },
        pathway('team-around-family', 'early_help', ['targeted']),
      ],
      contacts: [
        { id: 'front-door', name: 'Front door', role: 'mash_front_door', phone: '01234 000001', availability: { kind: 'unknown' }, verifiedOn: null },
        { id: 'police', name: 'Police (emergency)', role: 'police', phone: '999', availability: { kind: 'always' }, verifiedOn: null },
      ],
    });
    const suggestion = suggestLevel(withContacts, { dateOfBirth: '2016-04-01', assessmentDate: '2026-11-22', ticked: [{ indicatorId: 'flag-one' }] });
    expect(suggestion.contacts.map((contact) => contact.id)).toEqual(['front-door', 'police']);
  });
});
