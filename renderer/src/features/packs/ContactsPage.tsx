// PLACEHOLDER — replaced by the feature's own page; not to be committed as it stands.
import { PageHeading } from '../../components';

export function ContactsPage() {
  return (
    <section className="page">
      <PageHeading>Who to call</PageHeading>
    </section>
  );
}
