// Red flags are the product's reading, so the same kind of indicator must be marked the same way in every pack:
// "frequently goes missing from home" cannot be act-now in London and an ordinary risk in Leicestershire.
import { describe, expect, it } from 'vitest';
import { productRedFlagKinds, redFlagKindOf } from '../../../../shared/thresholds/index';
import { loadShippedPacks, shippedPack } from '../../../fixtures/packs/shippedPacks';

const packs = loadShippedPacks();

describe('red flags across the shipped packs', () => {
  it('marks every indicator of a red-flag kind as a red flag, in every pack', () => {
    const inconsistent: string[] = [];
    for (const pack of packs.values()) {
      for (const indicator of pack.indicators) {
        const kind = redFlagKindOf(indicator);
        if (kind && indicator.kind !== 'red_flag') inconsistent.push(`${pack.id} ${indicator.id} (${kind.id}) is "${indicator.kind}": ${indicator.text}`);
      }
    }
    expect(inconsistent).toEqual([]);
  });

  it('finds each kind in at least one pack, so no entry of the list is dead', () => {
    const all = [...packs.values()].flatMap((pack) => pack.indicators);
    for (const kind of productRedFlagKinds) expect(all.some((indicator) => redFlagKindOf(indicator) === kind), kind.id).toBe(true);
  });

  it('treats going missing frequently the same in Leicestershire as in London, and starting to go missing as a risk', () => {
    const kindOf = (packId: string, indicatorId: string) => shippedPack(packs, packId).indicators.find((indicator) => indicator.id === indicatorId)?.kind;
    expect(kindOf('leicester-leicestershire-rutland-2014', 's-se-10')).toBe('red_flag');
    expect(kindOf('london-continuum-waltham-forest-2014', 'l4-se-09')).toBe('red_flag');
    expect(kindOf('worcestershire-2019', 'l4-ew-01')).toBe('red_flag');
    expect(redFlagKindOf({ text: 'Starting to go missing from home' })).toBeUndefined();
    expect(kindOf('worcestershire-2019', 'l3-eb-02')).toBe('risk');
  });
});
