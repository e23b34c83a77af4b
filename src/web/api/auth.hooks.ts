import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  RegisterBody,
  SessionResponse,
  SignInBody,
  SignInVerification,
  UserView,
  VerifySignInBody,
} from '../../shared/contracts/auth.js';
import { changeLanguage } from '../i18n/index.js';
import { api, isApiError } from './client.js';
import { queryKeys } from './query-keys.js';

async function fetchSession(signal: AbortSignal): Promise<Partial<SessionResponse> | null> {
  try {
    // Signed out is 401 today; `{ user: null }` or 204 would mean the same.
    const body = await api.get<Partial<SessionResponse> | { user: null } | undefined>('/auth/session', {
      signal,
    });
    return body?.user ? body : null;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user, or null when signed out. */
export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async ({ signal }) => {
      const body = await fetchSession(signal);
      queryClient.setQueryData(queryKeys.totpSetupRequired, body?.totpSetupRequired ?? false);
      return body?.user ?? null;
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * Whether an admin requires an authenticator app and this staff account has none yet: set by the
 * session (and by any API call answered TOTP_SETUP_REQUIRED), never fetched on its own.
 */
export function useTotpSetupRequired(): boolean {
  const { data } = useQuery({ queryKey: queryKeys.totpSetupRequired, queryFn: skipToken });
  return data === true;
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

/** Starts the session a sign-in answered, with whether the authenticator must be set up first. */
function useBeginSession() {
  const queryClient = useQueryClient();
  const startSession = useStartSession();
  return (body: Pick<SessionResponse, 'user'> & Partial<SessionResponse>) => {
    startSession(body.user);
    queryClient.setQueryData(queryKeys.totpSetupRequired, body.totpSetupRequired ?? false);
  };
}

/** 200: signed in. 202: the password was right and a second step (a code) is needed. */
export type SignInAnswer = SessionResponse | SignInVerification;

export function useSignIn() {
  const beginSession = useBeginSession();
  return useMutation({
    mutationFn: (body: SignInBody) => api.post<SignInAnswer>('/auth/sign-in', body),
    onSuccess: (answer) => {
      if ('user' in answer) beginSession(answer);
    },
  });
}

/** The second step: the emailed code, the authenticator's code or a recovery code. */
export function useVerifySignIn() {
  const beginSession = useBeginSession();
  return useMutation({
    mutationFn: (body: VerifySignInBody) => api.post<SessionResponse>('/auth/sign-in/verify', body),
    onSuccess: beginSession,
  });
}

/** Emails a new sign-in code; the previous one stops working. */
export function useResendSignInCode() {
  return useMutation({
    mutationFn: () => api.post<SignInVerification>('/auth/sign-in/resend'),
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
