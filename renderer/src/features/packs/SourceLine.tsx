// The source line under a pack item, in words a reader can follow: the council's document and its date, never the
// seed file and line numbers (those are for checking the transcription, in the pack file and its docs). Advice the
// product adds is labelled as ours, so it is never mistaken for the council's.
import type { Provenance, SourceOrProduct } from '../../../../shared/thresholds';
import { describePublished } from './packWording';

export type CitedDocument = Pick<Provenance, 'title' | 'shortTitle' | 'publishedOn'>;

/** "Worcestershire Multi Agency Levels of Need, May 2019". */
export function describeDocument(document: CitedDocument): string {
  return `${document.shortTitle ?? document.title}, ${describePublished(document.publishedOn)}`;
}

export function SourceLine({ source, document, as: Tag = 'span' }: { source: SourceOrProduct | undefined; document: CitedDocument; as?: 'span' | 'p' }) {
  if (source === 'product') {
    return (
      <Tag className="indicator__source indicator__source--product">
        <strong>Our guidance:</strong> Safeguarding Records adds this; the council’s document does not say it.
      </Tag>
    );
  }
  if (source === undefined) return null;
  return <Tag className="indicator__source">Source: {describeDocument(document)}</Tag>;
}
