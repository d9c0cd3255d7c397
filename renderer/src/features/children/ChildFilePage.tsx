// PLACEHOLDER — replaced by the feature's own page; not to be committed as it stands.
import type { SessionUser } from '../../../../shared/api';
import { PageHeading } from '../../components';

export function ChildFilePage({ pupilId, user }: { pupilId: string; user: SessionUser }) {
  void [pupilId, user];
  return (
    <section className="page">
      <PageHeading>Child’s file</PageHeading>
    </section>
  );
}
