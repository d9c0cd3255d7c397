// The bar across the top: the school, who is signed in, and the three ways to step away from the screen.
import type { MouseEvent, ReactNode } from 'react';
import { isAlertedToNewConcerns, roleLabels, type AppStatus, type SessionUser } from '../../../shared/api';
import { Button } from '../components';
import { NewConcernBadge } from '../features/concerns/NewConcernAlerts';
import { useApp } from './AppContext';

/** Short enough for the one-row header; the full name of the role is there for screen readers. */
const shortRoleLabels: Record<SessionUser['role'], string> = { staff: 'Staff', dsl: 'DSL', head: 'Headteacher', admin: 'Administrator', governor: 'Governor' };

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // The address fragment holds the page's route, so move focus by hand rather than changing it.
  event.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView();
}

/**
 * `canSignOut` is false while the one-time recovery key is on screen: signing out would lose it for good.
 * `navigation` sits in the same row, so the header takes one line of the screen, not two.
 */
export function Masthead({ user, school, canSignOut = true, navigation }: { user: SessionUser; school: AppStatus['school']; canSignOut?: boolean; navigation?: ReactNode }) {
  const { lock, hideScreen, signOut } = useApp();
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="masthead">
        <div className="masthead__inner">
          <div className="masthead__identity">
            <span className="masthead__product">Safeguarding Records</span>
            {school && <span className="masthead__school">{school.name}</span>}
          </div>
          {navigation}
          {isAlertedToNewConcerns(user.role) && <NewConcernBadge />}
          <div className="masthead__person">
          <div className="masthead__user">
            <span className="masthead__name">{user.displayName}</span>
            <span className="masthead__role">
              <span aria-hidden="true">{shortRoleLabels[user.role]}</span>
              <span className="visually-hidden">{roleLabels[user.role]}</span>
            </span>
          </div>
          <div className="masthead__actions" aria-label="Leave the screen">
            <Button variant="quiet" onClick={hideScreen} title="Hide screen (Ctrl+Shift+B)" aria-keyshortcuts="Control+Shift+B">
              Hide screen
            </Button>
            <Button variant="quiet" onClick={lock}>
              Lock
            </Button>
            {canSignOut && (
              <Button variant="quiet" onClick={() => void signOut()}>
                Sign out
              </Button>
            )}
          </div>
          </div>
        </div>
      </header>
    </>
  );
}
