// PLACEHOLDER — replaced by the feature's own page; not to be committed as it stands.
import { PageHeading } from '../../components';

export function PupilsPage() {
  return (
    <section className="page">
      <PageHeading>Pupils</PageHeading>
    </section>
  );
}
