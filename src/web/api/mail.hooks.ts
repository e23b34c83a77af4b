import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MailDetail, MailPage, MailStatus } from '../../shared/contracts/mail.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

export const MAIL_PAGE_SIZE = 25;

/** One page of the Mail log, newest first; the previous page stays on screen while the next loads. */
export function useMailLog(status: MailStatus | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: queryKeys.mailList(status, cursor),
    queryFn: ({ signal }) =>
      api.get<MailPage>('/admin/mail', { signal, query: { status, cursor, limit: MAIL_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

/** One email in full: headers and both bodies. */
export function useMailDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.mailDetail(id ?? ''),
    queryFn: ({ signal }) => api.get<MailDetail>(`/admin/mail/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}

/** Sends a failed email again; the log and the email are fetched afresh. */
export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/admin/mail/${encodeURIComponent(id)}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mail }),
  });
}
