// PLACEHOLDER — replaced by the feature's own page; not to be committed as it stands.
import { PageHeading } from '../../components';

export function ThresholdsPage() {
  return (
    <section className="page">
      <PageHeading>Thresholds</PageHeading>
    </section>
  );
}
