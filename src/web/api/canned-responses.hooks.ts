import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CannedResponsePage,
  CannedResponseView,
  CreateCannedResponseBody,
  UpdateCannedResponseBody,
} from '../../shared/contracts/canned-responses.js';
import { api } from './client.js';

export const CANNED_PAGE_SIZE = 25;

export const cannedKeys = {
  all: ['canned-responses'] as const,
  list: (q: string, cursor: string | undefined) => ['canned-responses', q, cursor ?? null] as const,
};

/** Shared responses and the caller's own, by title; `q` matches part of the title. */
export function useCannedResponses(q: string, cursor?: string, enabled = true) {
  return useQuery({
    queryKey: cannedKeys.list(q, cursor),
    queryFn: ({ signal }) =>
      api.get<CannedResponsePage>('/canned-responses', {
        signal,
        query: { q: q.trim() || undefined, cursor, limit: CANNED_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSaveCannedResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CreateCannedResponseBody & { id?: string }) =>
      id
        ? api.patch<CannedResponseView>(`/canned-responses/${encodeURIComponent(id)}`, {
            title: body.title,
            body: body.body,
          } satisfies UpdateCannedResponseBody)
        : api.post<CannedResponseView>('/canned-responses', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cannedKeys.all }),
  });
}

export function useDeleteCannedResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<undefined>(`/canned-responses/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cannedKeys.all }),
  });
}
