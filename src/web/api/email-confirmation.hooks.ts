import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfirmEmailBody } from '../../shared/contracts/account.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

/**
 * The link of the confirmation email: needs no sign-in. When this browser is signed in as that
 * account, the session is fetched again so the "confirm your address" banner goes away.
 */
export function useConfirmEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmEmailBody) => api.post<{ status: 'confirmed' }>('/auth/confirm-email', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.session }),
  });
}

/** "Send a new link" for the signed-in customer; 409 means the session was behind, so it is refreshed. */
export function useResendConfirmation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ status: 'sent' }>('/me/confirmation-email'),
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.session }),
  });
}
