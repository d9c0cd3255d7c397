// The bar across the top: the school, who is signed in, and the three ways to step away from the screen.
import type { MouseEvent } from 'react';
import { roleLabels, type AppStatus, type SessionUser } from '../../../shared/api';
import { Button } from '../components';
import { NewConcernBadge } from '../features/concerns/NewConcernAlerts';
import { useApp } from './AppContext';

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // The address fragment holds the page's route, so move focus by hand rather than changing it.
  event.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView();
}

/** `canSignOut` is false while the one-time recovery key is on screen: signing out would lose it for good. */
export function Masthead({ user, school, canSignOut = true }: { user: SessionUser; school: AppStatus['school']; canSignOut?: boolean }) {
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
          {user.role === 'dsl' && <NewConcernBadge />}
          <div className="masthead__user">
            <span className="masthead__name">{user.displayName}</span>
            <span className="masthead__role">{roleLabels[user.role]}</span>
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
      </header>
    </>
  );
}
