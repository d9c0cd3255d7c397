// The Worcestershire pack (seed 004, "Multi Agency Levels of Need", May 2019): it must validate, hold every
// example indicator of the four Appendix 1 tables, carry the seed's timescales, numbers and hours, and the
// suggestion must put each of the appendix's examples at the level the seed prints it under. The expected
// counts were worked out by hand from the seed's tables (one indicator per printed item), so a missing or
// doubled table fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { suggestLevel, validatePack, whoToCallNow, type Pack, type SuggestionInput } from '../../../../shared/thresholds/index';

const seedFile = '004_e8fa8c619eac9618.txt';
const packPath = fileURLToPath(new URL('../../../../resources/packs/worcestershire-2019.json', import.meta.url));
const seedPath = fileURLToPath(new URL(`../../../../resources/seeds/${seedFile}`, import.meta.url));

function loadWorcestershirePack(): Pack {
  const validation = validatePack(JSON.parse(readFileSync(packPath, 'utf8')));
  if (!validation.ok) throw new Error(`Worcestershire pack is invalid: ${JSON.stringify(validation.errors, null, 2)}`);
  return validation.pack;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const digits = (phone: string | undefined) => phone?.replace(/\D/g, '');

const pack = loadWorcestershirePack();
const indicatorById = new Map(pack.indicators.map((indicator) => [indicator.id, indicator]));
const contactById = new Map(pack.contacts.map((contact) => [contact.id, contact]));
const pathwayById = new Map(pack.pathways.map((pathway) => [pathway.id, pathway]));

/** A 12-year-old (born 1 March 2014) assessed on 22 November 2026: inside every age limit in the seed. */
const twelveYearOld = { dateOfBirth: '2014-03-01', assessmentDate: '2026-11-22' };
/** A 14-year-old (born 1 May 2012) on the same date: too old for "sexual activity under the age of 13". */
const fourteenYearOld = { dateOfBirth: '2012-05-01', assessmentDate: '2026-11-22' };
const tick = (...indicatorIds: string[]): SuggestionInput['ticked'] => indicatorIds.map((indicatorId) => ({ indicatorId }));

describe('the Worcestershire levels of need pack (seed 004)', () => {
  it('validates against the pack format with no dangling references', () => {
    expect(validatePack(JSON.parse(readFileSync(packPath, 'utf8')))).toMatchObject({ ok: true });
    expect(pack.id).toBe('worcestershire-2019');
  });

  it('says it is historical, when it was published and which seed it came from', () => {
    expect(pack.provenance.status).toBe('historical — verify before use');
    expect(pack.provenance.publishedOn).toBe('2019-05');
    expect(pack.provenance.seed).toBe(seedFile);
  });

  it('has levels 1–4 in order, with Level 3 as early help and Level 4 spanning s17 and s47', () => {
    expect(pack.levels.map((level) => [level.code, level.label, level.bands])).toEqual([
      ['1', 'Universal Services', ['universal']],
      ['2', 'Additional Support', ['emerging']],
      ['3', 'Targeted Support', ['early_help']],
      ['4', 'Statutory Social Work Intervention', ['child_in_need_s17', 'child_protection_s47']],
    ]);
    expect(pack.levels[3]?.statutoryBasis).toEqual(expect.arrayContaining(['s17', 's47']));
    // Early help plans at Levels 2 and 3 are reviewed every 6–12 weeks (line 384).
    expect(pack.levels.map((level) => level.reviewInterval ?? null)).toEqual([
      null,
      { amount: 6, upTo: 12, unit: 'weeks' },
      { amount: 6, upTo: 12, unit: 'weeks' },
      null,
    ]);
  });

  it('holds every example indicator of each level', () => {
    expect(countBy(pack.indicators, (indicator) => indicator.levelId)).toEqual({
      'level-1': 30,
      'level-2': 39,
      'level-3': 46,
      'level-4': 59,
    });
    expect(pack.indicators).toHaveLength(174);
  });

  it('holds every indicator of each level in each of the eleven sub-domains', () => {
    expect(countBy(pack.indicators, (indicator) => `${indicator.levelId} ${indicator.domainId ?? '(none)'}`)).toEqual({
      'level-1 health': 6,
      'level-1 education': 3,
      'level-1 emotional-behavioural-development': 3,
      'level-1 identity': 2,
      'level-1 family-social-relationships': 3,
      'level-1 social-presentation': 2,
      'level-1 family-history-functioning': 2,
      'level-1 housing-employment-finance': 3,
      'level-1 social-integration-community-services': 2,
      'level-1 basic-care-safety-protection': 1,
      'level-1 emotional-warmth-guidance-boundaries': 3,
      'level-2 health': 6,
      'level-2 education': 7,
      'level-2 emotional-behavioural-development': 2,
      'level-2 identity': 2,
      'level-2 family-social-relationships': 6,
      'level-2 social-presentation': 2,
      'level-2 family-history-functioning': 2,
      'level-2 housing-employment-finance': 2,
      'level-2 social-integration-community-services': 3,
      'level-2 basic-care-safety-protection': 3,
      'level-2 emotional-warmth-guidance-boundaries': 4,
      // "Conception aged under 16" is printed twice (lines 193–194) and counted once.
      'level-3 health': 10,
      'level-3 education': 5,
      'level-3 emotional-behavioural-development': 5,
      'level-3 identity': 2,
      'level-3 family-social-relationships': 3,
      'level-3 social-presentation': 2,
      'level-3 family-history-functioning': 4,
      'level-3 housing-employment-finance': 3,
      'level-3 social-integration-community-services': 3,
      'level-3 basic-care-safety-protection': 5,
      'level-3 emotional-warmth-guidance-boundaries': 4,
      'level-4 health': 12,
      'level-4 education': 1,
      'level-4 emotional-behavioural-development': 5,
      'level-4 identity': 2,
      'level-4 family-social-relationships': 10,
      'level-4 social-presentation': 2,
      'level-4 family-history-functioning': 8,
      'level-4 housing-employment-finance': 4,
      'level-4 social-integration-community-services': 4,
      'level-4 basic-care-safety-protection': 6,
      'level-4 emotional-warmth-guidance-boundaries': 5,
    });
  });

  it('groups the sub-domains under the three sides of the Assessment Framework, with every domain used', () => {
    const parentOf = new Map(pack.domains.map((domain) => [domain.id, domain.parentId]));
    expect(countBy(pack.indicators, (indicator) => parentOf.get(indicator.domainId ?? '') ?? '(none)')).toEqual({
      // Per level, Levels 1 to 4.
      developmental: 19 + 25 + 27 + 32,
      'family-environmental': 7 + 7 + 10 + 16,
      parenting: 4 + 7 + 9 + 11,
    });
    const used = new Set(pack.indicators.map((indicator) => indicator.domainId));
    const leaves = pack.domains.filter((domain) => domain.parentId !== undefined).map((domain) => domain.id);
    expect(leaves).toHaveLength(11);
    expect(leaves.every((id) => used.has(id))).toBe(true);
  });

  it('treats Level 1 indicators as strengths and extended family support at Level 2 as protective', () => {
    const levelOneKinds = new Set(pack.indicators.filter((indicator) => indicator.levelId === 'level-1').map((indicator) => indicator.kind));
    expect([...levelOneKinds]).toEqual(['strength']);
    expect(indicatorById.get('l2-fh-02')?.kind).toBe('protective_factor');
  });

  it('marks as red flags the Level 4 items that mean a child is being harmed or at immediate risk', () => {
    const redFlags = pack.indicators.filter((indicator) => indicator.kind === 'red_flag');
    expect(redFlags.every((indicator) => indicator.levelId === 'level-4')).toBe(true);
    expect(redFlags.map((indicator) => indicator.id)).toEqual([
      'l4-he-04', // non-organic failure to thrive (the product's list of red-flag kinds)
      'l4-he-05', // FGM
      'l4-he-07', // imminent risk to life from mental health problems
      'l4-he-10', // sexual activity under 13
      'l4-he-11', // experiencing sexual exploitation
      'l4-eb-05', // endangers own life
      'l4-fr-04', // parents died, no arrangements for care
      'l4-fh-01', // honour-based violence or forced marriage
      'l4-ew-01', // missing from home or care
      'l4-ew-02', // rejected or abandoned
      'l4-ew-03', // parents abusive towards the child
    ]);
  });

  it('carries the three age limits printed in the tables', () => {
    const limited = pack.indicators.filter((indicator) => indicator.ageLimits).map((indicator) => [indicator.id, indicator.ageLimits]);
    expect(Object.fromEntries(limited)).toEqual({
      'l2-he-06': { under: { value: 16, unit: 'years' } },
      'l3-he-09': { under: { value: 16, unit: 'years' } },
      'l4-he-10': { under: { value: 13, unit: 'years' } },
    });
  });

  it('carries the research file\'s doubts about jumbled and mislabelled table cells into the data', () => {
    // The second parenting row is mislabelled in every table (seed-004.md §3.1).
    const warmthRow = pack.indicators.filter((indicator) => indicator.domainId === 'emotional-warmth-guidance-boundaries');
    expect(warmthRow).toHaveLength(16);
    expect(warmthRow.every((indicator) => indicator.doubt?.includes('labels this row'))).toBe(true);
    // The Level 4 developmental cell is one run-on line (line 204): every item from it is flagged.
    const runOn = pack.indicators.filter((indicator) => indicator.source.lines[0] === 204);
    expect(runOn).toHaveLength(26);
    expect(runOn.every((indicator) => indicator.doubt?.includes('placement uncertain'))).toBe(true);
    expect(indicatorById.get('l4-sp-02')?.doubt).toMatch(/parent/);
    expect(indicatorById.get('l4-hf-03')?.doubt).toMatch(/Southwark/);
  });

  it('points every indicator at lines of seed 004 that say the same thing', () => {
    const seedLines = readFileSync(seedPath, 'utf8').split('\n');
    const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
    const mismatches = pack.indicators.filter((indicator) => {
      const [from, to] = indicator.source.lines;
      if (indicator.source.seed !== seedFile || from < 168 || to > 252) return true;
      const quoted = words(seedLines.slice(from - 1, to).join(' '));
      return ![...words(indicator.text)].some((word) => quoted.has(word));
    });
    expect(mismatches.map((indicator) => indicator.id)).toEqual([]);
  });

  it('has the step-up conversation within 24 hours and the open-case meeting within 3 days', () => {
    const stepUp = pathwayById.get('step-up');
    expect(stepUp?.purpose).toBe('step_up');
    expect(stepUp?.steps.map((step) => step.timescale)).toContainEqual({ when: 'within', duration: { amount: 24, unit: 'hours' } });
    const openCase = pathwayById.get('open-case-concern');
    expect(openCase?.purpose).toBe('open_case');
    expect(openCase?.steps.map((step) => step.timescale)).toContainEqual({ when: 'within', duration: { amount: 3, unit: 'days' } });
    const rules = new Map((pack.rules ?? []).map((rule) => [rule.id, rule]));
    expect(rules.get('step-up-conversation')).toMatchObject({ timescale: { when: 'within', duration: { amount: 24, unit: 'hours' } }, pathwayId: 'step-up' });
    expect(rules.get('open-case-new-concern')).toMatchObject({
      timescale: { when: 'within', duration: { amount: 3, unit: 'days' } },
      pathwayId: 'open-case-concern',
    });
  });

  it('has every route of the appendices, with the seed\'s consent rules', () => {
    expect(pack.pathways.map((pathway) => [pathway.id, pathway.purpose, pathway.consent?.rule ?? null])).toEqual([
      ['immediate-risk', 'immediate_action', 'inform_unless_unsafe'],
      ['universal-support', 'universal_support', 'required'],
      ['early-help', 'early_help', 'required'],
      ['csc-referral', 'statutory_referral', 'seek_unless_unsafe'],
      ['step-up', 'step_up', 'seek_unless_unsafe'],
      ['step-down', 'step_down', null],
      ['open-case-concern', 'open_case', 'seek_unless_unsafe'],
    ]);
    expect(pack.immediateActionPathwayId).toBe('immediate-risk');
    expect(pathwayById.get('immediate-risk')?.steps[0]).toMatchObject({ timescale: { when: 'immediately' }, contactIds: ['police-emergency'] });
    expect(pathwayById.get('early-help')?.steps.map((step) => step.timescale)).toContainEqual({
      when: 'every',
      duration: { amount: 6, upTo: 12, unit: 'weeks' },
    });
    expect(pack.levels.map((level) => level.recommendedPathwayId)).toEqual(['universal-support', 'early-help', 'early-help', 'csc-referral']);
  });

  it('has the Family Front Door number and hours, and the out-of-hours line covering the rest', () => {
    const frontDoor = contactById.get('family-front-door');
    expect(frontDoor).toMatchObject({ role: 'mash_front_door', phone: '01905 822666', outOfHoursContactId: 'out-of-hours', verifiedOn: null });
    expect(frontDoor?.availability).toEqual({
      kind: 'weekly',
      sessions: [
        { days: ['mon', 'tue', 'wed', 'thu'], opens: '09:00', closes: '17:00' },
        { days: ['fri'], opens: '09:00', closes: '16:30' },
      ],
      closedOnBankHolidays: true,
    });
    expect(contactById.get('out-of-hours')).toMatchObject({
      role: 'out_of_hours',
      phone: '01905 768020',
      availability: { kind: 'outside_hours_of', contactId: 'family-front-door' },
      emergencyOnly: true,
    });
    expect(contactById.get('police-emergency')).toMatchObject({ phone: '999', availability: { kind: 'always' } });
  });

  it('sends a caller to the out-of-hours line after 4.30pm on a Friday but not on a Thursday', () => {
    const noBankHolidays = () => false;
    const ids = (contacts: readonly { id: string }[]) => contacts.map((contact) => contact.id);
    const frontDoorLines = pack.contacts.filter((contact) => ['family-front-door', 'out-of-hours'].includes(contact.id));
    // 19 and 20 November 2026 are a Thursday and a Friday; London is on GMT.
    expect(ids(whoToCallNow(frontDoorLines, new Date('2026-11-19T16:45:00Z'), noBankHolidays).callNow)).toEqual(['family-front-door']);
    expect(ids(whoToCallNow(frontDoorLines, new Date('2026-11-20T16:45:00Z'), noBankHolidays).callNow)).toEqual(['out-of-hours']);
    expect(ids(whoToCallNow(frontDoorLines, new Date('2026-11-21T10:00:00Z'), noBankHolidays).callNow)).toEqual(['out-of-hours']);
  });

  it('has the Targeted Family Support and Early Intervention Family Support contacts of all six districts', () => {
    const districts = pack.areas.filter((area) => area.kind === 'district').map((area) => area.id);
    expect(districts).toEqual(['redditch', 'wychavon', 'wyre-forest', 'bromsgrove', 'worcester-city', 'malvern']);
    const districtContacts = pack.contacts.filter((contact) => contact.areaIds?.length);
    expect(districtContacts).toHaveLength(12);
    expect(districtContacts.every((contact) => contact.role === 'early_help_coordinator' && contact.areaIds?.length === 1)).toBe(true);
    expect(Object.fromEntries(districtContacts.map((contact) => [contact.id, digits(contact.phone)]))).toEqual({
      'tfs-redditch': '07957659095',
      'tfs-wychavon': '07803115593',
      'tfs-wyre-forest': '07540919702',
      'tfs-bromsgrove': '07545419587',
      'tfs-worcester-city': '07810813913',
      'tfs-malvern': '07725601451',
      'eifs-redditch': '01905844128',
      'eifs-wychavon': '01905843760',
      'eifs-wyre-forest': '07920585604',
      'eifs-bromsgrove': '01905843675',
      'eifs-worcester-city': '07545422019',
      'eifs-malvern': '01905844051',
    });
  });

  it('leaves every contact unverified until a school checks it', () => {
    expect(pack.contacts).toHaveLength(20);
    expect(pack.contacts.every((contact) => contact.verifiedOn === null)).toBe(true);
  });
});

describe('suggestLevel on the Worcestershire appendix examples', () => {
  const levelOf = (...ids: string[]) => suggestLevel(pack, { ...twelveYearOld, ticked: tick(...ids) }).level.id;

  it('puts each Appendix 1 example, ticked on its own, at the level the seed prints it under', () => {
    const misplaced = pack.indicators
      .filter((indicator) => indicator.kind !== 'strength' && indicator.kind !== 'protective_factor')
      .filter((indicator) => levelOf(indicator.id) !== indicator.levelId)
      .map((indicator) => indicator.id);
    expect(misplaced).toEqual([]);
  });

  it('keeps a child with only Level 1 examples at Universal Services, listing them as strengths', () => {
    const suggestion = suggestLevel(pack, { ...twelveYearOld, ticked: tick('l1-ed-01', 'l1-sp-02', 'l1-fh-01', 'l2-fh-02') });
    expect(suggestion.level).toEqual({ id: 'level-1', code: '1', label: 'Universal Services' });
    expect(suggestion.band).toBe('universal');
    expect(suggestion.drivers).toEqual([]);
    expect(suggestion.strengths.map((strength) => strength.indicatorId)).toEqual(['l1-ed-01', 'l1-sp-02', 'l1-fh-01', 'l2-fh-02']);
    expect(suggestion.pathway?.id).toBe('universal-support');
  });

  it('follows the hygiene ladder up the four tables', () => {
    // Good personal hygiene (L1) → poor personal hygiene (L2) → persistent, isolating (L3) → chronic despite Level 3 support (L4).
    expect(['l1-sp-02', 'l2-sp-02', 'l3-sp-02', 'l4-sp-01'].map((id) => levelOf(id))).toEqual(['level-1', 'level-2', 'level-3', 'level-4']);
    // CSE: screened as vulnerable (L3), screened as experiencing (L4); missing: starting to go missing (L3), missing (L4).
    expect(['l3-he-10', 'l4-he-11', 'l3-eb-02', 'l4-ew-01'].map((id) => levelOf(id))).toEqual(['level-3', 'level-4', 'level-3', 'level-4']);
  });

  it('suggests Additional Support for Level 2 examples in several domains, with the district early help contacts', () => {
    const suggestion = suggestLevel(pack, {
      ...twelveYearOld,
      areaId: 'redditch',
      ticked: tick('l2-ed-01', 'l2-sp-02', 'l2-hf-01', 'l1-fr-01'),
    });
    expect(suggestion.level.id).toBe('level-2');
    expect(suggestion.band).toBe('emerging');
    expect(suggestion.pathway?.id).toBe('early-help');
    expect(suggestion.reviewInterval).toEqual({ amount: 6, upTo: 12, unit: 'weeks' });
    expect(suggestion.domainProfile.map((entry) => [entry.domainId, entry.levelId])).toEqual([
      ['education', 'level-2'],
      ['social-presentation', 'level-2'],
      ['housing-employment-finance', 'level-2'],
    ]);
    expect(suggestion.contacts.map((contact) => contact.id)).toEqual(['tfs-redditch', 'eifs-redditch', 'request-family-support']);
  });

  it('suggests Targeted Support (early help, not child in need) when a Level 3 example is ticked with Level 2 ones', () => {
    // A young carer (L3) who truants occasionally (L2) in a family on a low income (L2).
    const suggestion = suggestLevel(pack, { ...twelveYearOld, ticked: tick('l2-ed-01', 'l3-fr-01', 'l2-hf-01') });
    expect(suggestion.level).toEqual({ id: 'level-3', code: '3', label: 'Targeted Support' });
    expect(suggestion.band).toBe('early_help');
    expect(suggestion.pathway?.id).toBe('early-help');
    expect(suggestion.drivers.map((driver) => [driver.indicatorId, driver.atSuggestedLevel])).toEqual([
      ['l3-fr-01', true],
      ['l2-ed-01', false],
      ['l2-hf-01', false],
    ]);
    expect(suggestion.explanation).toContain('At level 3: Regularly needed to care for another family member (young carer)');
  });

  it('suggests Level 4 and a Family Front Door referral for a Level 4 example that is not a red flag', () => {
    // A person posing a risk to children is in contact with the child.
    const suggestion = suggestLevel(pack, { ...twelveYearOld, ticked: tick('l3-fh-02', 'l4-fh-03') });
    expect(suggestion.level.id).toBe('level-4');
    expect(suggestion.band).toBe('child_protection_s47');
    expect(suggestion.immediateAction).toBe(false);
    expect(suggestion.pathway?.id).toBe('csc-referral');
    expect(suggestion.contacts.map((contact) => contact.id)).toEqual(['family-front-door', 'out-of-hours', 'online-csc-referral']);
  });

  it('short-circuits to the immediate-risk route when a red flag is ticked', () => {
    // Missing from home or care (red flag), with a Level 2 and a Level 3 example ticked first.
    const suggestion = suggestLevel(pack, { ...twelveYearOld, ticked: tick('l2-eb-02', 'l3-eb-03', 'l4-ew-01') });
    expect(suggestion.immediateAction).toBe(true);
    expect(suggestion.pathway?.id).toBe('immediate-risk');
    expect(suggestion.drivers[0]).toMatchObject({ indicatorId: 'l4-ew-01', kind: 'red_flag' });
    expect(suggestion.explanation[0]).toMatch(/^Act now: a red flag is ticked/);
    expect(suggestion.contacts.map((contact) => contact.id)).toEqual(['police-emergency', 'family-front-door', 'out-of-hours', 'online-csc-referral']);
  });

  it('ignores "sexual activity under the age of 13" for a 14-year-old', () => {
    const suggestion = suggestLevel(pack, { ...fourteenYearOld, ticked: tick('l4-he-10', 'l2-he-03') });
    expect(suggestion.level.id).toBe('level-2');
    expect(suggestion.immediateAction).toBe(false);
    expect(suggestion.ignoredForAge.map((ignored) => ignored.indicatorId)).toEqual(['l4-he-10']);
    expect(levelOf('l4-he-10')).toBe('level-4');
  });
});
