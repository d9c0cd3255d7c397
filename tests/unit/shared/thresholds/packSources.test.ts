// The packs say only what the councils said. Where a pack tells staff to phone someone — a number, 999, the
// police — the lines it cites must say so; advice the product adds of its own must carry source "product", so the
// app labels it as ours. Checked on every shipped pack, against the seed text itself.
import { describe, expect, it } from 'vitest';
import type { SourceOrProduct } from '../../../../shared/thresholds/index';
import { loadShippedPacks, seedLines, shippedPack } from '../../../fixtures/packs/shippedPacks';

const packs = loadShippedPacks();

interface CitedText {
  where: string;
  text: string;
  source: SourceOrProduct | undefined;
}

/** Every step, note and contact of a pack's own (not borrowed) content that tells staff whom to call. */
function citedTexts(packId: string): CitedText[] {
  const pack = shippedPack(packs, packId);
  return [
    ...pack.pathways.flatMap((pathway) => pathway.steps.map((step) => ({ where: `${pathway.id} step ${step.order}`, text: step.action, source: step.source }))),
    ...(pack.notes ?? []).map((note, index) => ({ where: `notes[${index}]`, text: note.text, source: note.source })),
    ...pack.contacts.map((contact) => ({ where: `contact ${contact.id}`, text: [contact.name, contact.description, contact.phone].filter(Boolean).join(' '), source: contact.source })),
  ];
}

/** What a pack must not claim the council said unless it did: 999, the police, and any telephone number. */
function claims(text: string): string[] {
  const found = [...text.matchAll(/\b999\b|\b0\d{2,4}[ \d]{6,10}\d\b/g)].map((match) => match[0].replace(/\s+/g, ''));
  if (/\bpolice\b/i.test(text)) found.push('police');
  return found;
}

/** "020 8871 7746/7899" prints two numbers; the pack writes the second out in full. */
function printedAsAlternative(number: string, citedDigits: string): boolean {
  const ending = number.slice(-4);
  return citedDigits.includes(`/${ending}`) && citedDigits.includes(number.slice(0, -4));
}

describe('what the packs attribute to the councils', () => {
  it.each([...packs.keys()])('%s: every number, 999 or call to the police is in the lines cited, or labelled as ours', (packId) => {
    const seed = seedLines(shippedPack(packs, packId).provenance.seed);
    const unsupported: string[] = [];
    for (const { where, text, source } of citedTexts(packId)) {
      if (source === 'product' || source === undefined) continue;
      const cited = seed.slice(source.lines[0], source.lines[1] + 1).join(' ');
      const citedDigits = cited.replace(/\s+/g, '');
      for (const claim of claims(text)) {
        const supported = claim === 'police' ? /\bpolice\b/i.test(cited) : citedDigits.includes(claim) || printedAsAlternative(claim, citedDigits);
        if (!supported) unsupported.push(`${where}: "${claim}" is not in lines ${source.lines.join('–')}`);
      }
    }
    expect(unsupported).toEqual([]);
  });

  it('labels the 999 step on the Leicester, Leicestershire and Rutland immediate-harm route as ours, not the council’s', () => {
    const pack = shippedPack(packs, 'leicester-leicestershire-rutland-2014');
    const route = pack.pathways.find((pathway) => pathway.id === pack.immediateActionPathwayId);
    const mentions999 = route?.steps.filter((step) => step.action.includes('999')) ?? [];
    expect(mentions999.map((step) => step.source)).toEqual(['product']);
    expect(route?.steps.filter((step) => step.source !== 'product').every((step) => !/999|police/i.test(step.action))).toBe(true);
  });

  it('labels as ours every 999 contact a document does not print', () => {
    for (const pack of packs.values()) {
      const seed = seedLines(pack.provenance.seed).join('\n');
      for (const contact of pack.contacts.filter((candidate) => candidate.phone === '999')) {
        if (!/\b999\b/.test(seed)) expect(contact.source, `${pack.id} ${contact.id}`).toBe('product');
      }
    }
  });
});
