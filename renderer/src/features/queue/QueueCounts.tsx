// The review queue's numbers for the DSL's home page: what is open, waiting and due, from `queue.counts`.
import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../../shared/api';
import { invoke } from '../../api';

export function QueueCounts() {
  const [counts, setCounts] = useState<CommandOutput<'queue.counts'> | null>(null);
  useEffect(() => {
    let current = true;
    void invoke('queue.counts', {}).then((result) => {
      if (current && result.ok) setCounts(result.value);
    });
    return () => {
      current = false;
    };
  }, []);
  if (!counts) return null;
  const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
  return (
    <ul className="list">
      <li>{plural(counts.new, 'new concern', 'new concerns')}, {plural(counts.open, 'open', 'open')}</li>
      <li>
        {plural(counts.referralsAwaiting, 'referral', 'referrals')} awaiting a reply{counts.referralsOverdue > 0 ? `, ${counts.referralsOverdue.toLocaleString('en-GB')} overdue` : ''}
      </li>
      <li>{plural(counts.actionsDue, 'action', 'actions')} and {plural(counts.reviewsDue, 'review', 'reviews')} due within 7 days or overdue</li>
    </ul>
  );
}
