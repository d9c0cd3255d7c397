// The thresholds search on the shipped packs: what a DSL types ("bruise", "injuries", "self harm") must find the
// indicators they would expect, in the council's own words, and nonsense must find nothing.
import { describe, expect, it } from 'vitest';
import { createIndicatorSearch, type ResolvedPack } from '../../../../shared/thresholds/index';
import { loadShippedPacks, shippedPack } from '../../../fixtures/packs/shippedPacks';

const packs = loadShippedPacks();
const worcestershire = shippedPack(packs, 'worcestershire-2019');
const llr = shippedPack(packs, 'leicester-leicestershire-rutland-2014');
const walthamForest2016 = shippedPack(packs, 'waltham-forest-right-conversation-2016');
const london = shippedPack(packs, 'london-continuum-waltham-forest-2014');

function found(pack: ResolvedPack, query: string): string[] {
  const ids = createIndicatorSearch(pack.indicators).matchingIds(query);
  if (ids === null) throw new Error(`"${query}" was treated as an empty search`);
  return pack.indicators.filter((indicator) => ids.has(indicator.id)).map((indicator) => `${indicator.id}: ${indicator.text}`);
}

describe('searching the indicators of the shipped packs', () => {
  it('finds physical abuse in Worcestershire for "bruise", "bruising", "injur" and "injuries", though the pack never says bruise', () => {
    for (const query of ['bruise', 'bruising', 'injur', 'injuries', 'Bruise']) {
      const hits = found(worcestershire, query);
      expect(hits, query).toContain('l4-ew-04: Physical chastisement of the child');
      expect(hits, query).toContain('l4-fr-09: Frequent aggression and violence');
      expect(hits, query).not.toContain('l1-he-02: Physically and psychologically well');
    }
  });

  it('finds bruising and injuries in the council’s own words elsewhere', () => {
    expect(found(llr, 'bruise')).toContain('s-he-02: Bruising to an immobile baby');
    expect(found(llr, 'injuries')).toContain('s-he-02: Bruising to an immobile baby');
    const injuries = found(walthamForest2016, 'injury');
    expect(injuries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^l4-ir-02: Two or more minor injuries/),
        expect.stringMatching(/^l4-ir-28: Repeated allegations or reasonable suspicion of non-accidental injury/),
      ]),
    );
    expect(found(walthamForest2016, 'bruising')).toEqual(expect.arrayContaining(injuries));
  });

  it('finds neglect by its word and its issue tag', () => {
    const hits = found(worcestershire, 'neglect');
    expect(hits).toContain('l4-he-12: Significant developmental delay due to neglect or poor parenting');
    expect(hits).toContain('l4-he-04: Non-organic failure to thrive');
    expect(hits).toContain('l2-sp-02: Poor personal hygiene');
    expect(found(london, 'neglect')).toContain('l3-bc-01: Physical care or supervision of the child is inadequate');
  });

  it('treats "self harm", "self-harm" and "self harming" alike', () => {
    const expected = [
      expect.stringMatching(/^l4-he-07: Immediate or imminent risk to the child's life.*self-harm/),
      'l4-eb-05: Endangers own life',
    ];
    for (const query of ['self harm', 'self-harm', 'Self-harming']) {
      expect(found(worcestershire, query), query).toEqual(expect.arrayContaining(expected));
      expect(found(worcestershire, query), query).not.toContain('l1-id-01: Positive sense of self and abilities');
    }
    expect(found(llr, 'self harm')).toEqual(['s-he-05: Escalating self-harm']);
  });

  it('needs every word typed to match', () => {
    expect(found(worcestershire, 'poor hygiene')).toEqual(
      expect.arrayContaining(['l2-sp-02: Poor personal hygiene', 'l3-sp-02: Persistent poor hygiene leaving the child socially isolated from peers']),
    );
    expect(found(worcestershire, 'hygiene fgm')).toEqual([]);
  });

  it('forgives one slip in a longer word', () => {
    expect(found(worcestershire, 'neglet')).toContain('l4-he-12: Significant developmental delay due to neglect or poor parenting');
    expect(found(worcestershire, 'chastisment')).toContain('l4-ew-04: Physical chastisement of the child');
  });

  it('finds nothing for nonsense, or for words too common to mean anything', () => {
    for (const pack of packs.values()) {
      expect(found(pack, 'xqzvbt'), pack.id).toEqual([]);
      expect(found(pack, 'wibblewobble'), pack.id).toEqual([]);
      expect(found(pack, 'the of and'), pack.id).toEqual([]);
    }
  });

  it('filters nothing when the search is empty', () => {
    expect(createIndicatorSearch(worcestershire.indicators).matchingIds('   ')).toBeNull();
  });
});
