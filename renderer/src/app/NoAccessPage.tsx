import { PageHeading } from '../components';
import { hrefFor } from './routes';

/** Shown, without calling anything, when a role reaches a page it may not use. */
export function NoAccessPage() {
  return (
    <section className="page">
      <PageHeading>You do not have access to this page</PageHeading>
      <p>Your account cannot use this part of the app. If you think you need it, ask your designated safeguarding lead.</p>
      <p>
        <a href={hrefFor('home')}>Go to your home page</a>
      </p>
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section className="page">
      <PageHeading>Page not found</PageHeading>
      <p>There is no page at this address.</p>
      <p>
        <a href={hrefFor('home')}>Go to your home page</a>
      </p>
    </section>
  );
}
