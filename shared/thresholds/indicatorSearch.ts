// Finding indicators by what a member of staff types: "bruise", "injuries", "self harm". The councils' own words
// differ from staff's ("Physical chastisement", "non-accidental injury"), so the search matches word stems
// (MiniSearch with the Porter stemmer), prefixes and small typos, and widens a few everyday words with the
// product's own synonym list below. Every word typed must match (or one of its synonyms must).
import MiniSearch, { type Query } from 'minisearch';
import { stemmer } from 'stemmer';
import type { Indicator } from './packSchema';

/**
 * Our own synonym groups, not any council's: a word typed from one group also finds the others. Tags are
 * single tokens (`physical_abuse`), so a group can point at a pack's issue tag as well as at words.
 */
export const productSynonyms: readonly (readonly string[])[] = [
  ['bruise', 'mark', 'injury', 'wound', 'burn', 'fracture', 'physical_abuse'],
  ['hit', 'smack', 'slap', 'punch', 'kick', 'chastisement', 'violence', 'physical_abuse'],
  ['self_harm', 'cutting', 'suicide', 'suicidal', 'overdose'],
  ['neglect', 'unkempt', 'hungry', 'hygiene', 'dirty'],
  ['missing', 'runaway', 'absconding'],
  ['exploitation', 'grooming', 'cse', 'cce', 'county_lines'],
  ['drugs', 'alcohol', 'substance', 'substance_misuse'],
];

// Words too common to narrow a search; a query of only these finds nothing rather than everything.
const stopWords = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'by', 'for', 'from', 'in', 'is', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Lower-cases, keeps "self-harm" and "self harm" as one word (as the tag `self_harm` is), and splits on the rest. */
function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\bself[\s-]+harm/g, 'self_harm')
    .replace(/\bcounty\s+lines\b/g, 'county_lines')
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean);
}

function processTerm(term: string): string | null {
  return stopWords.has(term) ? null : stemmer(term);
}

/** What a typed word stands for: itself, and the whole group when its stem is, or it begins, a word in one. */
function widen(word: string): Query {
  const stem = stemmer(word);
  const groups = productSynonyms.filter((group) => group.some((synonym) => stemmer(synonym) === stem || (word.length >= 4 && synonym.startsWith(word))));
  const words = [...new Set([word, ...groups.flat()])];
  return words.length === 1 ? word : { combineWith: 'OR', queries: words };
}

export interface IndicatorSearch {
  /** The ids of the indicators matching every word of `query`; null for an empty query (nothing to filter by). */
  matchingIds(query: string): ReadonlySet<string> | null;
}

/** Builds the search over a pack's indicators (their text and issue tags). */
export function createIndicatorSearch(indicators: readonly Indicator[]): IndicatorSearch {
  const index = new MiniSearch<Indicator>({
    fields: ['text', 'tags'],
    storeFields: [],
    extractField: (indicator, field) => (field === 'tags' ? (indicator.tags ?? []).join(' ') : String(indicator[field as keyof Indicator] ?? '')),
    tokenize,
    processTerm,
    searchOptions: {
      combineWith: 'AND',
      tokenize,
      processTerm,
      prefix: (term) => term.length >= 3,
      // One slip in a longer word ("neglet", "chastisment"); short words must be typed right.
      fuzzy: (term) => (term.length >= 6 ? 1 : false),
    },
  });
  index.addAll(indicators);

  return {
    matchingIds(query) {
      const words = tokenize(query);
      if (words.length === 0) return null;
      const wanted = words.filter((word) => !stopWords.has(word));
      if (wanted.length === 0) return new Set();
      const results = index.search({ combineWith: 'AND', queries: wanted.map(widen) });
      return new Set(results.map((result) => String(result.id)));
    },
  };
}
