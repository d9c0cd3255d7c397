// Each role's starting point. The features that fill these cards arrive in later issues; until then each card
// says plainly what is coming, and nothing pretends to work.
import type { ReactNode } from 'react';
import { roleLabels, type SessionUser } from '../../../../shared/api';
import { hrefFor, mayVisit, type RouteName } from '../../app/routes';
import { PageHeading } from '../../components';
import { NewConcernsSummary } from '../concerns/NewConcernAlerts';
import { QueueCounts } from '../queue/QueueCounts';
import { GettingStarted } from './GettingStarted';
import { IntakeNotice } from './IntakeNotice';

function Card({ title, children, coming = false }: { title: string; children: ReactNode; coming?: boolean }) {
  return (
    <section className={coming ? 'card card--coming' : 'card'} aria-labelledby={`card-${title.replace(/\W+/g, '-')}`}>
      <h2 className="card__title" id={`card-${title.replace(/\W+/g, '-')}`}>
        {title}
      </h2>
      {coming && <p className="tag">Coming soon</p>}
      {children}
    </section>
  );
}

function LinkCard({ route, title, children }: { route: RouteName; title: string; children: ReactNode }) {
  return (
    <Card title={title}>
      {children}
      <p>
        <a className="card__link" href={hrefFor(route)}>
          Go to {title.toLowerCase()}
        </a>
      </p>
    </Card>
  );
}

function greeting(user: SessionUser): string {
  const first = user.displayName.split(/\s+/)[0] ?? user.displayName;
  return `Hello, ${first}`;
}

export function HomePage({ user }: { user: SessionUser }) {
  return (
    <section className="page">
      <PageHeading caption={roleLabels[user.role]}>{greeting(user)}</PageHeading>
      <IntakeNotice />
      <div className="cards">
        {user.role === 'dsl' && <GettingStarted />}
        {user.role === 'staff' && (
          <Card title="Log a concern">
            <p>Record a worry about a child, however small, in your own words. It takes about two minutes and goes straight to the designated safeguarding lead.</p>
            <p>If a child is in immediate danger, call 999 and tell the DSL in person now; write it down afterwards.</p>
            <p>
              <a className="card__link" href={hrefFor('logConcern')}>
                Log a concern
              </a>
            </p>
            <p>
              <a href={hrefFor('myConcerns')}>My concerns</a> — see whether the DSL has read what you logged.
            </p>
          </Card>
        )}
        {user.role === 'dsl' && (
          <Card title="Review queue">
            <NewConcernsSummary />
            <QueueCounts />
            <p>
              <a className="card__link" href={hrefFor('queue')}>
                Go to the review queue
              </a>
            </p>
          </Card>
        )}
        {user.role === 'head' && (
          <Card title="Safeguarding culture reports">
            <p>Numbers and trends across the school — how many concerns, from which staff groups, how quickly they were picked up — with a version for governors in which no child or member of staff can be identified.</p>
            <p>
              <a className="card__link" href={hrefFor('reports')}>
                Open the culture report
              </a>
            </p>
          </Card>
        )}
        {user.role === 'admin' && (
          <Card title="Your role">
            <p>You manage accounts and settings. You cannot see any safeguarding records: they are for the designated safeguarding leads only.</p>
          </Card>
        )}
        {mayVisit(user.role, 'accounts') && (
          <LinkCard route="accounts" title="Accounts">
            <p>Add staff, disable accounts of people who have left, and reset forgotten passwords.</p>
          </LinkCard>
        )}
        {mayVisit(user.role, 'settings') && (
          <LinkCard route="settings" title="Settings">
            <p>How quickly an unattended screen locks itself, and who staff should go to in an emergency.</p>
          </LinkCard>
        )}
      </div>
    </section>
  );
}
