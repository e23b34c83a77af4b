import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegisterBody, SessionResponse, SignInBody, UserView } from '../../shared/contracts/auth.js';
import { changeLanguage } from '../i18n/index.js';
import { api, isApiError } from './client.js';
import { queryKeys } from './query-keys.js';

async function fetchSession(signal: AbortSignal): Promise<UserView | null> {
  try {
    // Signed out is 401 today; `{ user: null }` or 204 would mean the same.
    const body = await api.get<Partial<SessionResponse> | { user: null } | undefined>('/auth/session', {
      signal,
    });
    return body?.user ?? null;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user, or null when signed out. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * After signing in or registering: the new user's session, nothing cached from anyone before, and
 * the interface in the language they saved.
 */
export function useStartSession() {
  const queryClient = useQueryClient();
  return (user: UserView) => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
    queryClient.setQueryData(queryKeys.session, user);
    void changeLanguage(user.preferredLanguage);
  };
}

export function useSignIn() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: SignInBody) => (await api.post<SessionResponse>('/auth/sign-in', body)).user,
    onSuccess: startSession,
  });
}

export function useRegister() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: RegisterBody) => (await api.post<SessionResponse>('/auth/register', body)).user,
    onSuccess: startSession,
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<undefined>('/auth/sign-out'),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}
