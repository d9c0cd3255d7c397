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
    indicator('universal-need', 'universal', 'need', 'health'),
    indicator('flag-three', 'targeted', 'red_flag', 'home'),
    indicator('looked-after', 'targeted', 'status', 'home'),
    { ...indicator('no-domain-need', 'emerging', 'need'), doubt: 'The seed’s wording is unclear here.' },
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

  it('says "suggested level 1" when something of concern is ticked at the first level, not that nothing is ticked', () => {
    expect(explain(['universal-need'])).toEqual(['Suggested level 1 (universal), in the shared band universal services.', 'At level 1: universal-need']);
  });

  it('never counts a red flag below the suggested level among the "lower" indicators: it has its own line', () => {
    expect(explain(['flag-one', 'flag-three'])).toEqual([
      'Act now: 2 red flags are ticked, so the local guidance\'s immediate-action route applies whatever else is counted ("Phone the front door now").',
      'Suggested level 4 (specialist), in the shared band child protection (Children Act 1989 s47).',
      'Red flag (level 4): flag-one',
      'Red flag (level 3): flag-three',
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

  it('gives each driver its domain, and an observation or a doubt only where there is one (no empty fields)', () => {
    const suggestion = suggestLevel(pack, {
      dateOfBirth: '2016-04-01',
      assessmentDate: '2026-11-22',
      ticked: [{ indicatorId: 'health-need-3', observation: 'Missed two dental appointments.' }, { indicatorId: 'no-domain-need' }],
    });
    expect(suggestion.drivers).toStrictEqual([
      { indicatorId: 'health-need-3', text: 'health-need-3', kind: 'need', levelId: 'targeted', levelCode: '3', domainId: 'health', domainLabel: 'Health', observation: 'Missed two dental appointments.', atSuggestedLevel: true },
      { indicatorId: 'no-domain-need', text: 'no-domain-need', kind: 'need', levelId: 'emerging', levelCode: '2', doubt: 'The seed’s wording is unclear here.', atSuggestedLevel: false },
    ]);
  });

  it('raises the level for a status (e.g. looked after), as for a need', () => {
    expect(suggest(['looked-after']).level.id).toBe('targeted');
  });

  it('profiles only indicators with a domain, and a domain at the first level as level 1', () => {
    expect(suggest(['universal-need', 'no-domain-need']).domainProfile).toEqual([
      { domainId: 'health', domainLabel: 'Health', levelId: 'universal', levelCode: '1', indicatorIds: ['universal-need'] },
    ]);
  });

  it('names no route and nobody to contact at a level the pack gives no route', () => {
    const suggestion = suggest(['health-need-2']);
    expect(suggestion.pathway).toBeNull();
    expect(suggestion.contacts).toEqual([]);
  });

  it('takes the route a level recommends before the first route that serves it', () => {
    const recommending = smallPack({
      ...pack,
      levels: pack.levels.map((candidate) => (candidate.id === 'targeted' ? { ...candidate, recommendedPathwayId: 'family-support' } : candidate)),
      pathways: [...pack.pathways, pathway('family-support', 'early_help', ['targeted'])],
    });
    expect(suggest(['health-need-3'], recommending).pathway?.id).toBe('family-support');
    expect(suggest(['health-need-3']).pathway?.id).toBe('team-around-family');
  });

  it('counts each indicator without a domain as a domain of its own when a rule counts domains', () => {
    const byDomains = smallPack({
      ...pack,
      indicators: [...pack.indicators, indicator('other-no-domain', 'emerging', 'need')],
      rules: [{ id: 'two-domains', kind: 'accumulation', description: 'Needs in two domains', countKinds: ['need'], countDistinct: 'domains', atLeast: 2, raiseToLevelId: 'specialist', source: testSource }],
    });
    expect(suggest(['no-domain-need', 'other-no-domain'], byDomains).rulesApplied).toEqual([{ ruleId: 'two-domains', description: 'Needs in two domains', count: 2, raisedToLevelId: 'specialist' }]);
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
