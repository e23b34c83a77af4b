import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EnableTotpBody,
  PasswordBody,
  RecoveryCodesResponse,
  SecuritySettings,
  TotpSetupResponse,
} from '../../shared/contracts/two-factor.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

/** A new secret and its QR code; nothing changes until a code from the app confirms it. */
export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetupResponse>('/me/totp/setup') });
}

/**
 * Turns the authenticator on and answers the recovery codes (shown once). The session is fetched
 * again, so a staff account an admin held at enrolment can work normally.
 */
export function useEnableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EnableTotpBody) => api.post<RecoveryCodesResponse>('/me/totp/enable', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.session }),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordBody) => api.post<undefined>('/me/totp/disable', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.session }),
  });
}

export function useRegenerateRecoveryCodes() {
  return useMutation({
    mutationFn: (body: PasswordBody) => api.post<RecoveryCodesResponse>('/me/recovery-codes', body),
  });
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: queryKeys.securitySettings,
    queryFn: ({ signal }) => api.get<SecuritySettings>('/admin/security', { signal }),
  });
}

/** Saves the settings; the admin's own session may now need an authenticator, so it is fetched again. */
export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecuritySettings) => api.put<SecuritySettings>('/admin/security', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.securitySettings, saved);
      return queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}
