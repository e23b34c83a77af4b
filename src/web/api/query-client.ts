import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client.js';
import { queryKeys } from './query-keys.js';

/** Client errors (4xx) will not change by asking again; network failures and 5xx may. */
const shouldRetry = (failureCount: number, error: unknown) =>
  failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500);

export function createQueryClient(): QueryClient {
  // A request answered "sign in first" means the session ended (expired, revoked, signed out in
  // another tab): forget the user, and the route guards send them to the sign-in page.
  const onError = (error: unknown) => {
    if (isApiError(error) && error.code === 'UNAUTHENTICATED') {
      queryClient.setQueryData(queryKeys.session, null);
    }
    // An admin now requires an authenticator app: the guards send staff to set one up.
    if (isApiError(error) && error.code === 'TOTP_SETUP_REQUIRED') {
      queryClient.setQueryData(queryKeys.totpSetupRequired, true);
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
