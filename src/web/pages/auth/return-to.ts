import { useLocation, useNavigate, type Location } from 'react-router';
import type { UserView } from '../../../shared/contracts/auth.js';
import { HOME_PATH } from '../../../shared/roles.js';

/** Router state the guards leave when they send an anonymous visitor to sign in. */
export interface ReturnState {
  from?: Pick<Location, 'pathname' | 'search' | 'hash'>;
}

function readFrom(state: unknown): ReturnState['from'] {
  if (typeof state !== 'object' || state === null || !('from' in state)) return undefined;
  const from = state.from;
  if (typeof from !== 'object' || from === null) return undefined;
  const { pathname, search, hash } = from as Record<string, unknown>;
  if (typeof pathname !== 'string') return undefined;
  return {
    pathname,
    search: typeof search === 'string' ? search : '',
    hash: typeof hash === 'string' ? hash : '',
  };
}

/**
 * Where to go after signing in: back to the page the visitor was sent away from when it belongs to
 * their role, otherwise their home.
 */
export function destinationAfterSignIn(user: Pick<UserView, 'role'>, state: unknown): string {
  const home = HOME_PATH[user.role];
  const from = readFrom(state);
  if (from && (from.pathname === home || from.pathname.startsWith(`${home}/`))) {
    return `${from.pathname}${from.search}${from.hash}`;
  }
  return home;
}

/** Keeps the return address when moving between the sign-in and register pages. */
export const keepReturnState = (state: unknown): ReturnState | undefined => {
  const from = readFrom(state);
  return from ? { from } : undefined;
};

/** After signing in (or registering): on to `destinationAfterSignIn`, replacing the form in history. */
export function useGoOnAfterSignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  return (user: Pick<UserView, 'role'>) => {
    void navigate(destinationAfterSignIn(user, location.state), { replace: true });
  };
}
