import { createContext, useContext } from 'react';
import type { AppStatus } from '../../../shared/api';
import type { RouteName, RouteParams } from './routes';

export interface AppActions {
  status: AppStatus;
  /** Asks the core for the current state (after sign-in, a lock, a password change…). */
  refresh: () => Promise<void>;
  navigate: (route: RouteName, params?: RouteParams) => void;
  lock: () => void;
  /** The privacy key: blanks the window at once, then locks. */
  hideScreen: () => void;
  signOut: () => Promise<void>;
}

export const AppContext = createContext<AppActions | null>(null);

export function useApp(): AppActions {
  const actions = useContext(AppContext);
  if (!actions) throw new Error('useApp outside the app');
  return actions;
}
