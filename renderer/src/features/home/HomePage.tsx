// Each role's starting point. The features that fill these cards arrive in later issues; until then each card
// says plainly what is coming, and nothing pretends to work.
import type { ReactNode } from 'react';
import { followsSetupProgress, isAlertedToNewConcerns, managesWithoutRecords, onlyLogsConcerns, readsFiguresNotRecords, receivesOnlyConcernsAboutAdults, roleLabels, type SessionUser } from '../../../../shared/api';
import { hrefFor, mayVisit, type RouteName } from '../../app/routes';
import { AdultConcernsWaiting } from '../adults/AdultConcernsWaiting';
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
        {followsSetupProgress(user.role) && <GettingStarted />}
        {onlyLogsConcerns(user.role) && (
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
            <p>
              A worry about an adult who works here, or about yourself? <a href={hrefFor('logAdultConcern')}>Record a concern about an adult</a> — it goes to the
              headteacher only.
            </p>
          </Card>
        )}
        {mayVisit(user.role, 'adultRegister') && (
          <Card title="Concerns about adults">
            <p>Low-level concerns and allegations about adults who work here that were sent to you. Nobody sees one about themselves.</p>
            <AdultConcernsWaiting />
            <p>
              <a className="card__link" href={hrefFor('adultRegister')}>
                Open the registers
              </a>
            </p>
            <p>
              <a href={hrefFor('logAdultConcern')}>Record a concern about an adult</a>
            </p>
          </Card>
        )}
        {isAlertedToNewConcerns(user.role) && (
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
        {readsFiguresNotRecords(user.role) && (
          <Card title="Safeguarding culture reports">
            <p>Numbers and trends across the school — how many concerns, from which staff groups, how quickly they were picked up — with a version for governors in which no child or member of staff can be identified.</p>
            <p>
              <a className="card__link" href={hrefFor('reports')}>
                Open the culture report
              </a>
            </p>
          </Card>
        )}
        {receivesOnlyConcernsAboutAdults(user.role) && (
          <LinkCard route="adultRegister" title="Concerns about adults">
            <p>Concerns and allegations about adults in the school that are sent to you — those about the headteacher — to read, respond to and refer to the LADO. You cannot see any child’s records.</p>
          </LinkCard>
        )}
        {managesWithoutRecords(user.role) && (
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
