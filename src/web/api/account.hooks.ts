import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DevicePage,
  ForgotPasswordBody,
  NotificationPreferences,
  ResetPasswordBody,
  SessionPage,
  UnsubscribeBody,
} from '../../shared/contracts/account.js';
import type { SessionResponse } from '../../shared/contracts/auth.js';
import { useStartSession } from './auth.hooks.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

/** "Forgot your password?": always answered 202 `{ status: 'sent' }`, whether or not the account exists. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: (body: ForgotPasswordBody) => api.post<{ status: 'sent' }>('/auth/forgot-password', body),
  });
}

/** A new password from the emailed link; success signs the user in. */
export function useResetPassword() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: ResetPasswordBody) =>
      (await api.post<SessionResponse>('/auth/reset-password', body)).user,
    onSuccess: startSession,
  });
}

export const SESSIONS_PAGE_SIZE = 20;

/** One page of the signed-in user's sessions (browsers and devices). */
export function useMySessions(cursor: string | undefined) {
  return useQuery({
    queryKey: queryKeys.mySessionPage(cursor),
    queryFn: ({ signal }) =>
      api.get<SessionPage>('/me/sessions', { signal, query: { cursor, limit: SESSIONS_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

/** Signs one session out (DELETE /me/sessions/:id). */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<undefined>(`/me/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mySessions }),
  });
}

/** Signs out every session but this one. */
export function useSignOutOthers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/me/sessions/sign-out-others'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mySessions }),
  });
}

export const DEVICES_PAGE_SIZE = 20;

/** One page of the browsers remembered after two-step verification. */
export function useMyDevices(cursor: string | undefined) {
  return useQuery({
    queryKey: queryKeys.myDevicePage(cursor),
    queryFn: ({ signal }) =>
      api.get<DevicePage>('/me/devices', { signal, query: { cursor, limit: DEVICES_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

/** Forgets a remembered browser (DELETE /me/devices/:id): signing in there asks for a code again. */
export function useForgetDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<undefined>(`/me/devices/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.myDevices }),
  });
}

/** After this browser's own session was revoked: forget everything, as after signing out. */
export function useForgetSession() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    queryClient.setQueryData(queryKeys.session, null);
  };
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: queryKeys.myNotifications,
    queryFn: ({ signal }) => api.get<NotificationPreferences>('/me/notifications', { signal }),
  });
}

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) =>
      api.patch<NotificationPreferences>('/me/notifications', body),
    onSuccess: (saved, sent) => {
      queryClient.setQueryData(queryKeys.myNotifications, saved ?? sent);
    },
  });
}

/** The unsubscribe link of an email: needs no sign-in. */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (body: UnsubscribeBody) => api.post<{ status: 'unsubscribed' }>('/unsubscribe', body),
  });
}
