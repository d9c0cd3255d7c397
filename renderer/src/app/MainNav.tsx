// The main navigation in one row: the pages a role uses every day as links, the rest behind a "More" button (a
// disclosure, not an ARIA menu: the links inside are ordinary links, reached with Tab). The row stays short so the
// page — the review queue above all — gets the screen.
import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import { isAlertedToNewConcerns, type Role } from '../../../shared/api';
import { useApp } from './AppContext';
import { hrefFor, mayVisit, navigationOrder, routes, type RouteName } from './routes';

/**
 * The pages a person uses most, in order; the first four a role may visit are in the row, the rest under "More".
 * Those alerted to new concerns get three: the alerts beside the menu (the immediate-danger badge and, once, the
 * question about desktop alerts) take the room of a fourth, and a DSL's own logged concerns are the one to move.
 */
const mostUsed: readonly RouteName[] = ['home', 'logConcern', 'queue', 'myConcerns', 'adultRegister', 'contacts', 'thresholds'];
const inRowFor = (role: Role) => (isAlertedToNewConcerns(role) ? 3 : 4);

export function MainNav({ role, current }: { role: Role; current: RouteName | null }) {
  const { navigate } = useApp();
  const [open, setOpen] = useState(false);
  const moreId = `${useId().replace(/[^a-zA-Z0-9_-]/g, '')}-more`;
  const container = useRef<HTMLLIElement>(null);
  const links = [...navigationOrder.filter((route) => mayVisit(role, route)), 'password' as const];
  const rowRoutes = mostUsed.filter((route) => links.includes(route)).slice(0, inRowFor(role));
  const inRow = links.filter((route) => rowRoutes.includes(route));
  const more = links.filter((route) => !rowRoutes.includes(route));
  const currentInMore = current !== null && more.includes(current);

  // Closes when focus or a click goes elsewhere, and on Escape (focus back on the button), like any disclosure menu.
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      container.current?.querySelector<HTMLButtonElement>('button')?.focus();
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  const go = (route: RouteName) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    setOpen(false);
    navigate(route);
  };
  const link = (route: RouteName) => (
    <li key={route}>
      <a className="main-nav__link" href={hrefFor(route)} aria-current={current === route ? 'page' : undefined} onClick={go(route)}>
        {routes[route].title}
      </a>
    </li>
  );

  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {inRow.map(link)}
        {more.length > 0 && (
          <li className="main-nav__more" ref={container}>
            <button type="button" className={currentInMore ? 'main-nav__more-button main-nav__more-button--current' : 'main-nav__more-button'} aria-expanded={open} aria-controls={moreId} onClick={() => setOpen(!open)}>
              More{currentInMore && <span className="visually-hidden"> (you are on {routes[current].title})</span>}
            </button>
            <ul className="main-nav__more-list" id={moreId} hidden={!open}>
              {more.map(link)}
            </ul>
          </li>
        )}
      </ul>
    </nav>
  );
}
