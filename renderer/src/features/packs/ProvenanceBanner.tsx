// Where a pack comes from, with its "historical — verify before use" status made impossible to miss: the
// documents are years old and councils change their guidance and phone numbers.
import type { Pack } from '../../../../shared/thresholds';
import { describePublished } from './packWording';

export function ProvenanceBanner({ title, provenance, headingLevel = 2 }: { title: string; provenance: Pack['provenance']; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="provenance" aria-label={`Where ${title} comes from`}>
      <p className="provenance__status">
        <span className="provenance__icon" aria-hidden="true">
          !
        </span>
        <span>
          <strong>Historical — verify before use.</strong> Check anything you rely on against the council’s current guidance.
        </span>
      </p>
      <Heading className="provenance__title">{title}</Heading>
      <dl className="provenance__facts">
        <div>
          <dt>Publisher</dt>
          <dd>{provenance.publisher}</dd>
        </div>
        <div>
          <dt>Document</dt>
          <dd>{provenance.title}</dd>
        </div>
        <div>
          <dt>Published</dt>
          <dd>
            {describePublished(provenance.publishedOn)}
            {provenance.publishedOnBasis && <span className="muted"> ({provenance.publishedOnBasis})</span>}
          </dd>
        </div>
        {provenance.url && (
          <div>
            <dt>Published at</dt>
            <dd>{provenance.url}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
