import { useCallback, useEffect, useState } from 'react';
import { mayLeave } from './leaveGuard';
import { hrefFor, parseLocation, type Location, type RouteName, type RouteParams } from './routes';

/** The current page, kept in the address's fragment; navigation is plain state plus `location.hash`. */
export function useLocation(): { location: Location; navigate: (route: RouteName, params?: RouteParams) => void } {
  const [location, setLocation] = useState<Location>(() => parseLocation(window.location.hash) ?? { route: 'home', params: {} });

  useEffect(() => {
    const onHashChange = (event: HashChangeEvent) => {
      const next = parseLocation(window.location.hash);
      if (!next) return;
      // A link or the Back button changed the address: if the page says leaving would lose something and the
      // person stays, the address goes back to the page they are still on.
      if (!mayLeave()) {
        window.history.replaceState(null, '', new URL(event.oldURL).hash);
        return;
      }
      setLocation(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const navigate = useCallback((route: RouteName, params: RouteParams = {}) => {
    const href = hrefFor(route, params);
    if (window.location.hash !== href && !mayLeave()) return;
    if (window.location.hash !== href) window.history.pushState(null, '', href);
    setLocation({ route, params });
  }, []);

  return { location, navigate };
}
