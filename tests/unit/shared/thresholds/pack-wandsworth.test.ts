// The Wandsworth pack (seed 002, "A Guide to Early Help Processes", reviewed August 2015). The guide prints no
// indicators: it adopted the London Continuum of Need, so the pack borrows the London pack's indicators and maps
// London's four levels one to one onto Wandsworth's. It must validate, resolve against the London pack with the
// counts below (the London pack's own per-level totals, worked out by hand from seed 000), and carry the seed's
// MASH step-up, the six-stage professional differences protocol, and its numbers and hours.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  resolvePack,
  suggestLevel,
  validatePack,
  whoToCallNow,
  type Pack,
  type ResolvedPack,
  type SuggestionInput,
} from '../../../../shared/thresholds/index';

const seedFile = '002_f353cd4d681ec99c.txt';
const packsDirectory = new URL('../../../../resources/packs/', import.meta.url);
const packPath = fileURLToPath(new URL('wandsworth-early-help-2015.json', packsDirectory));
const londonPath = fileURLToPath(new URL('london-continuum-waltham-forest-2014.json', packsDirectory));
const seedPath = fileURLToPath(new URL(`../../../../resources/seeds/${seedFile}`, import.meta.url));

function loadPack(path: string): Pack {
  const validation = validatePack(JSON.parse(readFileSync(path, 'utf8')));
  if (!validation.ok) throw new Error(`${path} is invalid: ${JSON.stringify(validation.errors, null, 2)}`);
  return validation.pack;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Every `{ seed, lines }` object anywhere in the pack, with where it was found. */
function findSources(value: unknown, path = ''): { path: string; seed: unknown; lines: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => findSources(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  const found = Object.entries(value).flatMap(([key, child]) => findSources(child, path === '' ? key : `${path}.${key}`));
  return 'seed' in value && 'lines' in value ? [{ path, seed: value.seed, lines: value.lines }, ...found] : found;
}

const digits = (text: string | undefined) => text?.replace(/\D/g, '') ?? '';

const pack = loadPack(packPath);
const london = loadPack(londonPath);

function resolved(): ResolvedPack {
  const resolution = resolvePack(pack, new Map([[london.id, london]]));
  if (!resolution.ok) throw new Error(JSON.stringify(resolution.errors));
  return resolution.pack;
}

const contactById = new Map(pack.contacts.map((contact) => [contact.id, contact]));
const pathwayById = new Map(pack.pathways.map((pathway) => [pathway.id, pathway]));
/** A 14-year-old (born 1 May 2012) assessed on 22 November 2026. */
const fourteenYearOld = { dateOfBirth: '2012-05-01', assessmentDate: '2026-11-22' };
const tick = (...indicatorIds: string[]): SuggestionInput['ticked'] => indicatorIds.map((indicatorId) => ({ indicatorId }));

describe('the Wandsworth early help pack (seed 002)', () => {
  it('validates against the pack format with no dangling references', () => {
    expect(validatePack(JSON.parse(readFileSync(packPath, 'utf8')))).toMatchObject({ ok: true });
    expect(pack.id).toBe('wandsworth-early-help-2015');
  });

  it('says it is historical, when it was reviewed and which seed it came from', () => {
    expect(pack.provenance.status).toBe('historical — verify before use');
    expect(pack.provenance.publishedOn).toBe('2015-08');
    expect(pack.provenance.seed).toBe(seedFile);
  });

  it('points every source at lines that exist in seed 002', () => {
    const lineCount = readFileSync(seedPath, 'utf8').split('\n').length;
    const sources = findSources(pack);
    expect(sources.length).toBeGreaterThan(100);
    for (const { path, seed, lines } of sources) {
      expect(seed, path).toBe(seedFile);
      const [from, to] = lines as [number, number];
      expect(from, path).toBeGreaterThanOrEqual(1);
      expect(to, path).toBeLessThanOrEqual(lineCount);
    }
  });

  it('has the four London Continuum levels with Wandsworth\'s labels, mapped onto the shared bands', () => {
    expect(pack.levels.map((level) => [level.code, level.label, level.bands])).toEqual([
      ['1', 'No identified needs', ['universal', 'emerging']],
      ['2', 'Low risk to vulnerable', ['early_help']],
      ['3', 'High risk and/or complex needs', ['early_help', 'child_in_need_s17']],
      ['4', 'Complex or acute needs', ['child_in_need_s17', 'child_protection_s47']],
    ]);
    expect(pack.levels.map((level) => level.statutoryBasis ?? [])).toEqual([[], [], ['s17'], ['s20', 's31', 's47']]);
    // The guide gives no review intervals: TAC review dates are agreed at each meeting.
    expect(pack.levels.every((level) => level.reviewInterval === undefined)).toBe(true);
  });

  it('has no indicators of its own and borrows the London Continuum level for level', () => {
    expect(pack.indicators).toEqual([]);
    expect(pack.domains).toEqual([]);
    expect(pack.borrowIndicators).toEqual([
      expect.objectContaining({
        fromPackId: 'london-continuum-waltham-forest-2014',
        levelMap: { 'level-1': 'level-1', 'level-2': 'level-2', 'level-3': 'level-3', 'level-4': 'level-4' },
      }),
    ]);
  });

  it('holds every indicator of the London Continuum tables once resolved, on Wandsworth\'s levels, with London\'s domains', () => {
    const wandsworth = resolved();
    expect(countBy(wandsworth.indicators, (indicator) => indicator.levelId)).toEqual({
      'level-1': 20,
      'level-2': 31,
      'level-3': 32,
      'level-4': 29,
    });
    expect(wandsworth.indicators).toHaveLength(112);
    expect(wandsworth.indicators.every((indicator) => indicator.borrowedFrom === 'london-continuum-waltham-forest-2014')).toBe(true);
    expect(wandsworth.indicators.every((indicator) => indicator.domainId !== undefined)).toBe(true);
    expect(wandsworth.domains).toHaveLength(london.domains.length);
  });

  // Seed 000's list of Level 4 "possible indicators" (lines 439–481) is Waltham Forest's own, outside the
  // Continuum tables; Wandsworth's guide (seed 002, lines 332–334) adopts the Continuum, not Waltham Forest's guide.
  it('borrows none of Waltham Forest\'s own Level 4 list', () => {
    const wandsworth = resolved();
    expect(london.indicators.filter((indicator) => indicator.id.startsWith('l4-list-'))).toHaveLength(16);
    expect(wandsworth.indicators.filter((indicator) => indicator.id.startsWith('l4-list-'))).toEqual([]);
  });

  it('steps up through the MASH: phone at once, then an early help assessment within 24 hours', () => {
    const stepUp = pathwayById.get('mash-step-up');
    expect(stepUp).toMatchObject({ purpose: 'step_up', servesLevelIds: ['level-3', 'level-4'] });
    const [phone, assessment] = stepUp?.steps ?? [];
    expect(phone).toMatchObject({ order: 1, timescale: { when: 'immediately' }, contactIds: ['wandsworth-mash'], source: { lines: [609, 609] } });
    expect(assessment).toMatchObject({
      order: 2,
      timescale: { when: 'within', duration: { amount: 24, unit: 'hours' } },
      source: { lines: [609, 611] },
    });
    expect(assessment?.action).toMatch(/early help assessment/);
    expect(pack.levels.find((level) => level.id === 'level-4')?.recommendedPathwayId).toBe('mash-step-up');
  });

  it('sends a child at risk of significant harm to the MASH at once, with the EHA to follow within 24 hours', () => {
    expect(pack.immediateActionPathwayId).toBe('significant-harm');
    const immediate = pathwayById.get('significant-harm');
    expect(immediate?.purpose).toBe('immediate_action');
    expect(immediate?.steps.map((step) => step.timescale)).toEqual([
      { when: 'immediately' },
      { when: 'within', duration: { amount: 24, unit: 'hours' } },
      { when: 'immediately' },
    ]);
    expect(immediate?.steps[0]?.contactIds).toEqual(['wandsworth-mash', 'police-emergency']);
  });

  it('carries the consent rules the guide states', () => {
    expect(pathwayById.get('early-help-assessment')?.consent?.rule).toBe('required');
    expect(pathwayById.get('single-point-referral')?.consent).toMatchObject({ rule: 'required', note: expect.stringMatching(/[Ss]igned/) });
    expect(pathwayById.get('education-welfare')?.consent?.note).toMatch(/overridden/);
    // The guide does not say what to do when seeking consent would put the child at risk.
    expect(pathwayById.get('mash-step-up')?.consent?.rule).toBe('not_stated');
  });

  it('has the six-stage professional differences protocol, in order, within 10 working days', () => {
    const escalation = pack.escalation;
    expect(escalation?.overallLimit).toEqual({ amount: 10, unit: 'working_days' });
    expect(escalation?.note).toMatch(/much sooner if it concerns a significant risk/);
    expect(escalation?.stages.map((stage) => stage.order)).toEqual([1, 2, 3, 4, 5, 6]);
    const patterns = [/your line manager/, /other practitioner/, /line manager to line manager/, /network meeting/, /Assistant Directors/, /WSCB/];
    expect(escalation?.stages.map((stage, index) => patterns[index]?.test(stage.action))).toEqual([true, true, true, true, true, true]);
    expect(escalation?.stages.map((stage) => stage.source.lines[0])).toEqual([746, 750, 754, 758, 762, 766]);
    expect(escalation?.stages[0]?.timescale).toEqual({ when: 'as_soon_as_practicable' });
  });

  it('has the seed\'s numbers and hours, none of them verified yet', () => {
    expect(contactById.get('wandsworth-mash')).toMatchObject({
      role: 'mash_front_door',
      phone: '020 8871 6622',
      availability: { kind: 'unknown' },
      verifiedOn: null,
    });
    expect(contactById.get('family-information-service')).toMatchObject({
      role: 'early_help_coordinator',
      phone: '020 8871 7899',
      email: 'fis@wandsworth.gov.uk',
    });
    expect(contactById.get('early-help-desk')).toMatchObject({
      role: 'early_help_coordinator',
      phone: '020 8871 7746 or 020 8871 7899',
      email: 'EHITS@wandsworth.gov.uk',
      availability: {
        kind: 'weekly',
        sessions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:30', closes: '16:30' }],
        closedOnBankHolidays: true,
      },
    });
    expect(contactById.get('education-welfare-service')?.phone).toBe('020 8871 8306');
    expect(contactById.get('frp-head')?.phone).toBe('020 8871 5268');
    expect(contactById.get('frp-deputy-manager')?.phone).toBe('020 8871 5807');
    expect(pack.contacts.every((contact) => contact.verifiedOn === null)).toBe(true);
    // The guide gives no out-of-hours line and no LADO.
    expect(pack.contacts.filter((contact) => contact.role === 'out_of_hours' || contact.role === 'lado')).toEqual([]);

    // Each seed number is printed on the contact's source lines (999 is the only one not from the seed).
    const seedLines = readFileSync(seedPath, 'utf8').split('\n');
    for (const contact of pack.contacts) {
      if (contact.phone === undefined || contact.source === undefined || contact.source === 'product') continue;
      const [from, to] = contact.source.lines;
      const printed = digits(seedLines.slice(from - 1, to).join(' '));
      expect(printed, contact.id).toContain(digits(contact.phone).slice(0, 11));
    }
  });

  it('knows when the Early Help Desk is open', () => {
    const desk = contactById.get('early-help-desk');
    if (!desk) throw new Error('no Early Help Desk');
    const noBankHolidays = () => false;
    const status = (instant: string) => whoToCallNow([desk], new Date(instant), noBankHolidays).contacts[0]?.status;
    expect(status('2026-11-18T09:45:00Z')).toBe('open'); // Wednesday 09:45
    expect(status('2026-11-18T16:30:00Z')).toBe('closed'); // Wednesday 16:30
    expect(status('2026-11-21T11:00:00Z')).toBe('closed'); // Saturday
  });

  it('has the glossary, acronyms included', () => {
    expect(pack.glossary).toHaveLength(69);
    const terms = pack.glossary?.map((entry) => entry.term) ?? [];
    expect(terms).toEqual(
      expect.arrayContaining(['MASH (Multi-Agency Safeguarding Hub)', 'Early Help Assessment (EHA)', 'Signs of Safety and Well Being (SoSWB)', 'WSCB']),
    );
    expect(new Set(terms).size).toBe(terms.length);
  });

  describe('suggestions with the borrowed indicators', () => {
    const wandsworth = resolved();

    it('suggests Wandsworth\'s Level 3 and its specialist-referral route for a London Level 3 risk', () => {
      // Overcrowding (London Level 2) and a history of domestic violence (London Level 3).
      const suggestion = suggestLevel(wandsworth, { ...fourteenYearOld, ticked: tick('l2-hf-01', 'l3-fr-01') });
      expect(suggestion.packId).toBe('wandsworth-early-help-2015');
      expect(suggestion.level).toEqual({ id: 'level-3', code: '3', label: 'High risk and/or complex needs' });
      expect(suggestion.band).toBe('child_in_need_s17');
      expect(suggestion.immediateAction).toBe(false);
      expect(suggestion.pathway?.id).toBe('specialist-referral');
      expect(suggestion.reviewInterval).toBeNull();
      expect(suggestion.explanation).toContain('At level 3: History of domestic violence');
    });

    it('sends a borrowed red flag to Wandsworth\'s own immediate route and the MASH', () => {
      const suggestion = suggestLevel(wandsworth, { ...fourteenYearOld, ticked: tick('l2-hf-01', 'l4-fr-01') });
      expect(suggestion.level.id).toBe('level-4');
      expect(suggestion.band).toBe('child_protection_s47');
      expect(suggestion.immediateAction).toBe(true);
      expect(suggestion.pathway?.id).toBe('significant-harm');
      expect(suggestion.contacts.map((contact) => contact.phone)).toEqual(['020 8871 6622', '999']);
    });
  });
});
