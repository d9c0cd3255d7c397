// PLACEHOLDER — replaced by the feature's own page; not to be committed as it stands.
import type { SessionUser } from '../../../../shared/api';
import { PageHeading } from '../../components';

export function ConcernPage({ concernId, user }: { concernId: string; user: SessionUser }) {
  void [concernId, user];
  return (
    <section className="page">
      <PageHeading>Concern</PageHeading>
    </section>
  );
}
