// A malformed pack is refused, and every error names the JSON path to fix, so a council officer editing a
// pack by hand can find the mistake without reading code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatJsonPath, validatePack } from '../../../../shared/thresholds/index';

const packPath = fileURLToPath(new URL('../../../../resources/packs/london-continuum-waltham-forest-2014.json', import.meta.url));

/** A fresh, mutable copy of the London pack's JSON for each test to break. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests deliberately write wrong types into it
function londonJson(): any {
  return JSON.parse(readFileSync(packPath, 'utf8'));
}

function errorsOf(json: unknown) {
  const validation = validatePack(json);
  if (validation.ok) throw new Error('Expected the pack to be refused');
  return validation.errors;
}

describe('validatePack', () => {
  it('refuses a wrong type and names its path', () => {
    const json = londonJson();
    json.levels[2].ordinal = 'three';
    expect(errorsOf(json)).toContainEqual({ path: 'levels[2].ordinal', message: expect.stringMatching(/expected number/) });
  });

  it('refuses a pack with no levels', () => {
    const missing = londonJson();
    delete missing.levels;
    expect(errorsOf(missing).map((error) => error.path)).toContain('levels');

    const empty = londonJson();
    empty.levels = [];
    expect(errorsOf(empty).map((error) => error.path)).toContain('levels');
  });

  it('refuses an indicator that points at a level that does not exist', () => {
    const json = londonJson();
    json.indicators[40].levelId = 'level-9';
    expect(errorsOf(json)).toEqual([{ path: 'indicators[40].levelId', message: 'No level has the id "level-9"' }]);
  });

  it('refuses an indicator that points at a missing domain', () => {
    const json = londonJson();
    json.indicators[3].domainId = 'spelling';
    expect(errorsOf(json)).toEqual([{ path: 'indicators[3].domainId', message: 'No domain has the id "spelling"' }]);
  });

  it('refuses dangling pathway, contact and area references', () => {
    const json = londonJson();
    json.immediateActionPathwayId = 'nowhere';
    json.pathways[0].steps[0].contactIds = ['mash-front-door', 'ghost'];
    json.contacts[0].areaIds = ['atlantis'];
    json.levels[0].recommendedPathwayId = 'nope';
    expect(errorsOf(json).map((error) => error.path).sort()).toEqual([
      'contacts[0].areaIds[0]',
      'immediateActionPathwayId',
      'levels[0].recommendedPathwayId',
      'pathways[0].steps[0].contactIds[1]',
    ]);
  });

  it('refuses duplicate ids, naming the second one', () => {
    const json = londonJson();
    json.levels[1].id = json.levels[0].id;
    json.indicators[7].id = json.indicators[2].id;
    const errors = errorsOf(json);
    expect(errors).toContainEqual({ path: 'levels[1].id', message: 'Duplicate id "level-1"' });
    expect(errors).toContainEqual({ path: 'indicators[7].id', message: `Duplicate id "${json.indicators[2].id}"` });
  });

  it('refuses a sub-level whose id clashes with a level', () => {
    const json = londonJson();
    json.levels[1].subLevels[0].id = 'level-3';
    expect(errorsOf(json)).toContainEqual({ path: 'levels[1].subLevels[0].id', message: 'Duplicate id "level-3"' });
  });

  it('refuses two levels with the same ordinal, since the order of need would be ambiguous', () => {
    const json = londonJson();
    json.levels[3].ordinal = 2;
    expect(errorsOf(json)).toContainEqual({ path: 'levels[3].ordinal', message: 'Ordinal 2 is already used by levels[1]' });
  });

  it('refuses a domain tree that loops', () => {
    const json = londonJson();
    json.domains[0].parentId = 'learning-education';
    expect(errorsOf(json).map((error) => error.path)).toContain('domains[0].parentId');
  });

  it('refuses misspelt field names rather than silently ignoring them', () => {
    const json = londonJson();
    json.indicators[0].ageLimit = { under: { value: 8, unit: 'years' } };
    expect(errorsOf(json)).toContainEqual({ path: 'indicators[0]', message: expect.stringContaining('ageLimit') });
  });

  it('refuses impossible age limits and source lines', () => {
    const json = londonJson();
    json.indicators[0].ageLimits = { atLeast: { value: 16, unit: 'years' }, under: { value: 13, unit: 'years' } };
    json.indicators[1].source.lines = [1900, 1800];
    const paths = errorsOf(json).map((error) => error.path);
    expect(paths).toContain('indicators[1].source.lines');
    // Reference checks run once the shape is right, so fix the lines and look again.
    json.indicators[1].source.lines = [1800, 1900];
    expect(errorsOf(json).map((error) => error.path)).toEqual(['indicators[0].ageLimits']);
  });

  it('refuses a pack that does not say it is historical', () => {
    const json = londonJson();
    json.provenance.status = 'current';
    expect(errorsOf(json).map((error) => error.path)).toEqual(['provenance.status']);
  });

  it('refuses opening hours that close before they open, and an unverified date that is not a date', () => {
    const json = londonJson();
    json.contacts[0].availability = {
      kind: 'weekly',
      sessions: [{ days: ['mon'], opens: '17:00', closes: '09:00' }],
      closedOnBankHolidays: true,
    };
    json.contacts[1].verifiedOn = '31/12/2026';
    const paths = errorsOf(json).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['contacts[0].availability.sessions[0].closes', 'contacts[1].verifiedOn']));
  });

  it('refuses something that is not a pack at all', () => {
    expect(errorsOf('hello')).toEqual([{ path: '', message: expect.stringMatching(/expected object/) }]);
  });
});

describe('formatJsonPath', () => {
  it('writes indexes in brackets and quotes keys that are not plain names', () => {
    expect(formatJsonPath(['levels', 2, 'id'])).toBe('levels[2].id');
    expect(formatJsonPath(['borrowIndicators', 0, 'levelMap', 'level-9'])).toBe('borrowIndicators[0].levelMap["level-9"]');
    expect(formatJsonPath([])).toBe('');
  });
});
