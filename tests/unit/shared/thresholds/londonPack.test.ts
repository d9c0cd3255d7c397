// The Waltham Forest / London Continuum pack (seed 000): it must validate, and hold every indicator in the
// seed's tables. The expected counts were worked out by hand from the seed's bullets (one indicator per
// printed bullet), so a missing or doubled table fails here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validatePack, type Pack } from '../../../../shared/thresholds/index';

const packPath = fileURLToPath(new URL('../../../../resources/packs/london-continuum-waltham-forest-2014.json', import.meta.url));
const seedPath = fileURLToPath(new URL('../../../../resources/seeds/000_cb408de0c3955802.txt', import.meta.url));

function loadLondonPack(): Pack {
  const validation = validatePack(JSON.parse(readFileSync(packPath, 'utf8')));
  if (!validation.ok) throw new Error(`London pack is invalid: ${JSON.stringify(validation.errors, null, 2)}`);
  return validation.pack;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('the London Continuum pack for Waltham Forest (seed 000)', () => {
  const pack = loadLondonPack();

  it('validates against the pack format with no dangling references', () => {
    expect(validatePack(JSON.parse(readFileSync(packPath, 'utf8')))).toMatchObject({ ok: true });
  });

  it('says it is historical, when it was published and which seed it came from', () => {
    expect(pack.provenance.status).toBe('historical — verify before use');
    expect(pack.provenance.publishedOn).toBe('2014-02');
    expect(pack.provenance.seed).toBe('000_cb408de0c3955802.txt');
  });

  it('has the four London levels in order, mapped onto the shared bands', () => {
    expect(pack.levels.map((level) => [level.code, level.label, level.bands.at(-1)])).toEqual([
      ['1', 'Universal', 'emerging'],
      ['2', 'Vulnerable', 'early_help'],
      ['3', 'Complex', 'child_in_need_s17'],
      ['4', 'Acute', 'child_protection_s47'],
    ]);
    expect(pack.levels[1]?.subLevels?.map((subLevel) => subLevel.code)).toEqual(['2a', '2b']);
  });

  it('holds every indicator of each level, table by table', () => {
    expect(countBy(pack.indicators, (indicator) => indicator.levelId)).toEqual({
      'level-1': 20,
      'level-2': 31,
      'level-3': 32,
      // 29 in the Level 4 table and 16 in the separate list of possible Level 4 indicators (lines 439–481).
      'level-4': 45,
    });
    expect(pack.indicators).toHaveLength(128);
  });

  it('holds every indicator of each level in each of the ten sub-domains', () => {
    const cell = (indicator: Pack['indicators'][number]) => `${indicator.levelId} ${indicator.domainId ?? '(no domain: Level 4 list)'}`;
    expect(countBy(pack.indicators, cell)).toEqual({
      'level-1 learning-education': 4,
      'level-1 health': 1,
      'level-1 social-emotional-behavioural-identity': 4,
      'level-1 self-care-independence': 1,
      'level-1 family-social-relationships': 2,
      'level-1 housing-employment-finance': 2,
      'level-1 social-community-resources': 3,
      'level-1 basic-care-safety-protection': 1,
      'level-1 emotional-warmth-stability': 1,
      'level-1 guidance-boundaries-stimulation': 1,
      'level-2 learning-education': 6,
      'level-2 health': 3,
      'level-2 social-emotional-behavioural-identity': 9,
      'level-2 self-care-independence': 1,
      'level-2 family-social-relationships': 3,
      'level-2 housing-employment-finance': 2,
      'level-2 social-community-resources': 4,
      'level-2 basic-care-safety-protection': 1,
      'level-2 emotional-warmth-stability': 1,
      'level-2 guidance-boundaries-stimulation': 1,
      'level-3 learning-education': 3,
      'level-3 health': 4,
      'level-3 social-emotional-behavioural-identity': 11,
      'level-3 self-care-independence': 1,
      'level-3 family-social-relationships': 5,
      'level-3 housing-employment-finance': 1,
      'level-3 social-community-resources': 2,
      'level-3 basic-care-safety-protection': 3,
      'level-3 emotional-warmth-stability': 1,
      'level-3 guidance-boundaries-stimulation': 1,
      'level-4 learning-education': 3,
      'level-4 health': 2,
      'level-4 social-emotional-behavioural-identity': 14,
      // The seed prints no Level 4 self-care indicator.
      'level-4 family-social-relationships': 4,
      'level-4 housing-employment-finance': 2,
      'level-4 social-community-resources': 1,
      'level-4 basic-care-safety-protection': 1,
      'level-4 emotional-warmth-stability': 1,
      'level-4 guidance-boundaries-stimulation': 1,
      'level-4 (no domain: Level 4 list)': 16,
    });
  });

  it('treats Level 1 indicators as strengths, which never raise a level', () => {
    const levelOneKinds = new Set(pack.indicators.filter((indicator) => indicator.levelId === 'level-1').map((indicator) => indicator.kind));
    expect([...levelOneKinds]).toEqual(['strength']);
  });

  it('marks as red flags the Level 4 items that mean a child is being harmed or at immediate risk', () => {
    const redFlags = pack.indicators.filter((indicator) => indicator.kind === 'red_flag');
    expect(redFlags.every((indicator) => indicator.levelId === 'level-4')).toBe(true);
    expect(redFlags.map((indicator) => indicator.text)).toEqual(
      expect.arrayContaining([
        'Suspected physical, emotional or sexual abuse, or neglect',
        'Under 13 and engaged in sexual activity, or has had a sexually transmitted infection',
        'Left alone, under the age of 8',
      ]),
    );
    // 11 from the document's reading, plus non-organic failure to thrive from the product's list of red-flag kinds.
    expect(redFlags).toHaveLength(12);
  });

  it('carries the age limits buried in the seed\'s indicators', () => {
    const limited = pack.indicators.filter((indicator) => indicator.ageLimits).map((indicator) => [indicator.id, indicator.ageLimits]);
    // Nine age conditions (seed-000.md §3.7); "teenage parent under 16" is printed twice, in the table and the list.
    expect(limited).toHaveLength(10);
    expect(Object.fromEntries(limited)).toMatchObject({
      'l2-se-03': { atLeast: { value: 10, unit: 'years' }, under: { value: 15, unit: 'years' } },
      'l4-se-08': { under: { value: 13, unit: 'years' } },
      'l4-list-03': { under: { value: 8, unit: 'years' } },
    });
  });

  it('carries the research file\'s doubts about jumbled table cells into the data', () => {
    const doubted = pack.indicators.filter((indicator) => indicator.doubt?.includes('domain inferred')).map((indicator) => indicator.id);
    // Undifferentiated attachments, parental non-compliance, grooming and family breakdown (seed-000.md §3.4–3.5).
    expect(doubted).toEqual(expect.arrayContaining(['l3-fr-05', 'l3-bc-03', 'l4-se-14', 'l4-ew-01']));
  });

  it('points every indicator at lines of seed 000 that say the same thing', () => {
    const seedLines = readFileSync(seedPath, 'utf8').split('\n');
    const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
    const mismatches = pack.indicators.filter((indicator) => {
      const [from, to] = indicator.source.lines;
      if (indicator.source.seed !== '000_cb408de0c3955802.txt' || to > seedLines.length) return true;
      const quoted = words(seedLines.slice(from - 1, to).join(' '));
      return ![...words(indicator.text)].some((word) => quoted.has(word));
    });
    expect(mismatches.map((indicator) => indicator.id)).toEqual([]);
  });

  it('has review intervals of 4 weeks at Level 1 and 3 months at Level 2, as in the action matrix', () => {
    expect(pack.levels.map((level) => level.reviewInterval ?? null)).toEqual([
      { amount: 4, unit: 'weeks' },
      { amount: 3, unit: 'months' },
      null,
      null,
    ]);
  });

  it('gives every level a recommended pathway and an immediate-action route that telephones first', () => {
    const pathways = new Map(pack.pathways.map((pathway) => [pathway.id, pathway]));
    for (const level of pack.levels) expect(pathways.has(level.recommendedPathwayId ?? '')).toBe(true);
    const immediate = pathways.get(pack.immediateActionPathwayId);
    expect(immediate?.purpose).toBe('immediate_action');
    expect(immediate?.steps[0]?.timescale).toEqual({ when: 'immediately' });
    expect(immediate?.steps[0]?.contactIds).toEqual(['mash-front-door', 'police-emergency']);
  });

  it('leaves every contact unverified until a school checks it', () => {
    expect(pack.contacts.length).toBeGreaterThan(0);
    expect(pack.contacts.every((contact) => contact.verifiedOn === null)).toBe(true);
  });
});
