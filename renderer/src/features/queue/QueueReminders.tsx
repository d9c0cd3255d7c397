// Beside the queue: what the DSL is waiting for and what is due — referrals against their clocks, actions due
// or overdue, reviews due — each linked to the child's file, where it is dealt with.
import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../../shared/api';
import { agencyLabels } from '../../../../shared/casework';
import { formatIsoDate } from '../../../../shared/calendar';
import { invoke } from '../../api';
import { hrefFor } from '../../app/routes';
import { clockSentence, isOverdueClock } from '../children/clockText';

type Loaded = {
  referrals: CommandOutput<'queue.referrals'>;
  actions: CommandOutput<'queue.actions'>;
  reviews: CommandOutput<'queue.reviews'>;
};

function Overdue({ overdue }: { overdue: boolean }) {
  return overdue ? <span className="queue-tag queue-tag--danger">Overdue</span> : <span className="queue-tag">Due soon</span>;
}

export function QueueReminders({ reloadKey }: { reloadKey: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void Promise.all([invoke('queue.referrals', {}), invoke('queue.actions', { withinDays: 7 }), invoke('queue.reviews', { withinDays: 7 })]).then(([referrals, actions, reviews]) => {
      if (!current) return;
      if (referrals.ok && actions.ok && reviews.ok) setLoaded({ referrals: referrals.value, actions: actions.value, reviews: reviews.value });
      else setFailed('Some reminders could not be loaded. Reload the page to try again.');
    });
    return () => {
      current = false;
    };
  }, [reloadKey]);

  if (failed) return <aside className="queue-side" aria-label="Waiting and due"><p>{failed}</p></aside>;
  if (!loaded) return <aside className="queue-side" aria-label="Waiting and due"><p className="loading">Loading referrals, actions and reviews…</p></aside>;

  const referrals = [...loaded.referrals].sort((a, b) => Number(isOverdueClock(b.clock)) - Number(isOverdueClock(a.clock)) || b.workingDaysOverdue - a.workingDaysOverdue);
  return (
    <aside className="queue-side" aria-label="Waiting and due">
      <section className="queue-side__section" aria-labelledby="referrals-waiting">
        <h2 className="section-title" id="referrals-waiting">
          Referrals awaiting a reply ({referrals.length})
        </h2>
        {referrals.length === 0 ? (
          <p className="muted">No referral is waiting for a reply.</p>
        ) : (
          <ul className="queue-side__list">
            {referrals.map((referral) => (
              <li key={referral.id} className={isOverdueClock(referral.clock) ? 'queue-side__item queue-side__item--overdue' : 'queue-side__item'}>
                <a href={hrefFor('child', { pupilId: referral.pupilId })}>{referral.pupilName}</a> — {agencyLabels[referral.agency]}
                {referral.reference ? ` (ref ${referral.reference})` : ''}
                <p className="queue-side__clock">
                  {isOverdueClock(referral.clock) && <span className="queue-tag queue-tag--danger">Overdue</span>} {clockSentence(referral)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="queue-side__section" aria-labelledby="actions-due">
        <h2 className="section-title" id="actions-due">
          Actions due or overdue ({loaded.actions.length})
        </h2>
        {loaded.actions.length === 0 ? (
          <p className="muted">No action is due in the next 7 days.</p>
        ) : (
          <ul className="queue-side__list">
            {loaded.actions.map((action) => (
              <li key={action.id} className="queue-side__item">
                <Overdue overdue={action.overdue} /> <a href={hrefFor('child', { pupilId: action.pupilId })}>{action.pupilName}</a>: {action.title} — {action.ownerName}, due {formatIsoDate(action.dueOn)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="queue-side__section" aria-labelledby="reviews-due">
        <h2 className="section-title" id="reviews-due">
          Reviews due ({loaded.reviews.length})
        </h2>
        {loaded.reviews.length === 0 ? (
          <p className="muted">No review is due in the next 7 days.</p>
        ) : (
          <ul className="queue-side__list">
            {loaded.reviews.map((review) => (
              <li key={review.id} className="queue-side__item">
                <Overdue overdue={review.overdue} /> <a href={hrefFor('child', { pupilId: review.pupilId })}>{review.pupilName}</a>: {review.title} — due {formatIsoDate(review.nextDueOn)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
