import { Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { UserView } from '../../shared/contracts/auth.js';
import { HOME_PATH, type Role } from '../../shared/roles.js';
import { useSession, useTotpSetupRequired } from '../api/auth.hooks.js';
import { FullPageLoader } from '../components/full-page-loader.js';
import { QueryErrorAlert } from '../components/query-error-alert.js';
import { AUTHENTICATOR_PATH } from '../pages/account/authenticator.page.js';
import { ForbiddenPage } from '../pages/errors/forbidden.page.js';
import { NotFoundPage } from '../pages/errors/not-found.page.js';
import { destinationAfterSignIn, type ReturnState } from '../pages/auth/return-to.js';
import { PublicFrame } from './public-frame.js';
import { RoleShell } from './shell/role-shell.js';
import { LiveProvider } from '../live/live-provider.js';

/** Waits for the session; renders `children(user)` once known (null when signed out). */
function WithSession({ children }: { children: (user: UserView | null) => ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Center mih="100dvh" p="md">
        <QueryErrorAlert
          title={t('errors.title')}
          error={session.error}
          onRetry={() => void session.refetch()}
        />
      </Center>
    );
  }
  return children(session.data);
}

/**
 * Pages of one role (or, without `role`, of every signed-in user). Anonymous visitors go to sign in
 * (and come back afterwards); a signed-in user of another role stays in their own shell and is told
 * the page is not theirs. The page itself (and so any request for that role's data) is never rendered
 * for them.
 */
export function RequireRole({ role }: { role?: Role }) {
  const location = useLocation();
  const totpSetupRequired = useTotpSetupRequired();
  return (
    <WithSession>
      {(user) => {
        if (!user) {
          const state: ReturnState = {
            from: { pathname: location.pathname, search: location.search, hash: location.hash },
          };
          return <Navigate to="/sign-in" replace state={state} />;
        }
        // An admin requires an authenticator app and this account has none: nothing else works yet.
        if (totpSetupRequired && user.role !== 'customer' && location.pathname !== AUTHENTICATOR_PATH) {
          return <Navigate to={AUTHENTICATOR_PATH} replace />;
        }
        return (
          <LiveProvider>
            <RoleShell user={user}>
              {role === undefined || user.role === role ? <Outlet /> : <ForbiddenPage user={user} />}
            </RoleShell>
          </LiveProvider>
        );
      }}
    </WithSession>
  );
}

/** Pages of every signed-in user (their own account), in their role's shell. */
export const RequireSignedIn = () => <RequireRole />;

/** Inside an already guarded shell: a page of one role only; others are told it is not theirs. */
export function OnlyForRole({ role }: { role: Role }) {
  return (
    <WithSession>
      {(user) => {
        if (!user) return null; // The outer guard is already on its way to the sign-in page.
        return user.role === role ? <Outlet /> : <ForbiddenPage user={user} />;
      }}
    </WithSession>
  );
}

/** Sign-in and registration: a signed-in user goes straight to where they belong. */
export function GuestOnly() {
  const location = useLocation();
  return (
    <WithSession>
      {(user) => (user ? <Navigate to={destinationAfterSignIn(user, location.state)} replace /> : <Outlet />)}
    </WithSession>
  );
}

/** "/": the user's home, or the sign-in page. */
export function HomeRedirect() {
  return (
    <WithSession>{(user) => <Navigate to={user ? HOME_PATH[user.role] : '/sign-in'} replace />}</WithSession>
  );
}

/** Unknown addresses: inside the user's shell when signed in, otherwise in the public frame. */
export function NotFoundRoute() {
  return (
    <WithSession>
      {(user) =>
        user ? (
          <RoleShell user={user}>
            <NotFoundPage user={user} />
          </RoleShell>
        ) : (
          <PublicFrame>
            <NotFoundPage user={null} />
          </PublicFrame>
        )
      }
    </WithSession>
  );
}

/** An unknown address under a role's section, rendered inside that (already guarded) shell. */
export function NotFoundInShell() {
  return <WithSession>{(user) => <NotFoundPage user={user} />}</WithSession>;
}
