// PLACEHOLDER — replaced by the feature's own page; not to be committed as it stands.
import type { SessionUser } from '../../../../shared/api';
import { PageHeading } from '../../components';

export function LogConcernPage({ user }: { user: SessionUser }) {
  void [user];
  return (
    <section className="page">
      <PageHeading>Log a concern</PageHeading>
    </section>
  );
}
