// Borrowed indicators: Wandsworth's guide (seed 002) has no indicator table and says it uses the London
// Continuum, so its pack borrows the London pack's indicators by reference and maps the levels onto its own.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPackLibrary, resolvePack, suggestLevel, validatePack, type Pack } from '../../../../shared/thresholds/index';

const packPath = fileURLToPath(new URL('../../../../resources/packs/london-continuum-waltham-forest-2014.json', import.meta.url));
const londonJson = () => JSON.parse(readFileSync(packPath, 'utf8')) as unknown;

function validated(json: unknown): Pack {
  const validation = validatePack(json);
  if (!validation.ok) throw new Error(JSON.stringify(validation.errors));
  return validation.pack;
}

const source = { seed: '002_test.txt', lines: [1, 2] as [number, number] };

/** A tiny Wandsworth-like pack: its own levels, route and front door, and the London indicators. */
function borrowerJson(levelMap: Record<string, string> = { 'level-1': 'w1', 'level-2': 'w2', 'level-3': 'w3', 'level-4': 'w4' }) {
  const level = (id: string, ordinal: number, band: string) => ({
    id,
    code: String(ordinal),
    label: `Wandsworth level ${ordinal}`,
    ordinal,
    bands: [band],
    summary: 'Test level.',
    source,
  });
  return {
    formatVersion: 1,
    id: 'wandsworth-test',
    title: 'Borrowing test pack',
    provenance: { publisher: 'Test', title: 'Test', publishedOn: '2015-08', seed: '002_test.txt', status: 'historical — verify before use' },
    areas: [{ id: 'wandsworth', name: 'Wandsworth', kind: 'council' }],
    levels: [level('w1', 1, 'universal'), level('w2', 2, 'early_help'), level('w3', 3, 'child_in_need_s17'), level('w4', 4, 'child_protection_s47')],
    domains: [],
    indicators: [],
    borrowIndicators: [{ fromPackId: 'london-continuum-waltham-forest-2014', levelMap, source }],
    pathways: [
      {
        id: 'mash-step-up',
        title: 'Phone the MASH, then send an Early Help Assessment within 24 hours',
        purpose: 'immediate_action',
        servesLevelIds: ['w4'],
        steps: [
          { order: 1, action: 'Phone the MASH.', timescale: { when: 'immediately' }, contactIds: ['wandsworth-mash'], source },
          { order: 2, action: 'Send the EHA.', timescale: { when: 'within', duration: { amount: 24, unit: 'hours' } }, source },
        ],
        source,
      },
    ],
    immediateActionPathwayId: 'mash-step-up',
    contacts: [
      {
        id: 'wandsworth-mash',
        name: 'Wandsworth MASH',
        role: 'mash_front_door',
        phone: '020 8871 6622',
        availability: { kind: 'unknown' },
        verifiedOn: null,
        source,
      },
    ],
  };
}

describe('borrowed indicators', () => {
  const london = validated(londonJson());
  const lenders = new Map([[london.id, london]]);

  it('copies the lender\'s indicators and domains in, on the borrower\'s own levels', () => {
    const resolution = resolvePack(validated(borrowerJson()), lenders);
    if (!resolution.ok) throw new Error(JSON.stringify(resolution.errors));
    const borrowed = resolution.pack.indicators;
    expect(borrowed).toHaveLength(london.indicators.length);
    expect(borrowed.every((indicator) => indicator.borrowedFrom === london.id)).toBe(true);
    expect(borrowed.find((indicator) => indicator.id === 'l3-fr-01')?.levelId).toBe('w3');
    expect(resolution.pack.domains.map((domain) => domain.id)).toEqual(london.domains.map((domain) => domain.id));
    // The transcription's source still points at the lender's seed.
    expect(borrowed[0]?.source.seed).toBe('000_cb408de0c3955802.txt');
  });

  it('suggests the borrower\'s level and sends a red flag to the borrower\'s own emergency route and front door', () => {
    const resolution = resolvePack(validated(borrowerJson()), lenders);
    if (!resolution.ok) throw new Error(JSON.stringify(resolution.errors));
    const suggestion = suggestLevel(resolution.pack, {
      dateOfBirth: '2015-01-01',
      assessmentDate: '2026-11-22',
      ticked: [{ indicatorId: 'l2-hf-01' }, { indicatorId: 'l4-fr-01' }],
    });
    expect(suggestion.level).toEqual({ id: 'w4', code: '4', label: 'Wandsworth level 4' });
    expect(suggestion.immediateAction).toBe(true);
    expect(suggestion.pathway?.id).toBe('mash-step-up');
    expect(suggestion.contacts.map((contact) => contact.phone)).toEqual(['020 8871 6622']);
  });

  it('borrows only the adopted tables when domainIds is given: a domain\'s sub-headings come too, ungrouped lists do not', () => {
    const json = borrowerJson();
    json.borrowIndicators[0] = { ...json.borrowIndicators[0]!, domainIds: ['parents-carers'] } as (typeof json.borrowIndicators)[number];
    const resolution = resolvePack(validated(json), lenders);
    if (!resolution.ok) throw new Error(JSON.stringify(resolution.errors));
    const underParents = new Set(['parents-carers', ...london.domains.filter((domain) => domain.parentId === 'parents-carers').map((domain) => domain.id)]);
    const expected = london.indicators.filter((indicator) => indicator.domainId !== undefined && underParents.has(indicator.domainId));
    expect(expected.length).toBeGreaterThan(0);
    expect(resolution.pack.indicators.map((indicator) => indicator.id)).toEqual(expected.map((indicator) => indicator.id));
  });

  it('refuses a domainIds entry the lender does not have', () => {
    const json = borrowerJson();
    json.borrowIndicators[0] = { ...json.borrowIndicators[0]!, domainIds: ['parents-carers', 'waltham-forest-list'] } as (typeof json.borrowIndicators)[number];
    expect(resolvePack(validated(json), lenders)).toEqual({
      ok: false,
      errors: [{ path: 'borrowIndicators[0].domainIds[1]', message: '"london-continuum-waltham-forest-2014" has no domain "waltham-forest-list"' }],
    });
  });

  it('refuses a borrower whose lender is not loaded', () => {
    const resolution = resolvePack(validated(borrowerJson()), new Map());
    expect(resolution).toEqual({
      ok: false,
      errors: [{ path: 'borrowIndicators[0].fromPackId', message: 'No pack with the id "london-continuum-waltham-forest-2014" is loaded to borrow from' }],
    });
  });

  it('refuses a level map that misses one of the lender\'s levels or names one it does not have', () => {
    const resolution = resolvePack(validated(borrowerJson({ 'level-1': 'w1', 'level-2': 'w2', 'level-3': 'w3', 'level-9': 'w4' })), lenders);
    expect(resolution.ok).toBe(false);
    if (resolution.ok) return;
    expect(resolution.errors).toEqual([
      { path: 'borrowIndicators[0].levelMap["level-9"]', message: '"london-continuum-waltham-forest-2014" has no level "level-9"' },
      { path: 'borrowIndicators[0].levelMap', message: 'Say which level "london-continuum-waltham-forest-2014" level "level-4" belongs to in this pack' },
    ]);
  });

  it('refuses, when validating the borrower alone, a level map onto a level it does not have', () => {
    const validation = validatePack(borrowerJson({ 'level-1': 'w1', 'level-2': 'w2', 'level-3': 'w3', 'level-4': 'w5' }));
    expect(validation).toEqual({
      ok: false,
      errors: [{ path: 'borrowIndicators[0].levelMap["level-4"]', message: 'No level has the id "w5"' }],
    });
  });

  it('loads a library of packs in any order, resolving borrowers after their lenders', () => {
    const library = loadPackLibrary([borrowerJson(), londonJson(), { not: 'a pack' }]);
    expect([...library.packs.keys()].sort()).toEqual(['london-continuum-waltham-forest-2014', 'wandsworth-test']);
    expect(library.packs.get('wandsworth-test')?.indicators).toHaveLength(128);
    expect(library.problems).toHaveLength(1);
    expect(library.problems[0]?.index).toBe(2);
  });
});
