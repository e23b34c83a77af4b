import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TagPage, TicketTagsView } from '../../shared/contracts/tags.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

/** Tag names starting with `q`, for autocomplete. */
export function useTagSuggestions(q: string) {
  return useQuery({
    queryKey: ['tags', q.trim().toLowerCase()] as const,
    queryFn: ({ signal }) =>
      api.get<TagPage>('/tags', { signal, query: { q: q.trim() || undefined, limit: 20 } }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Replaces a ticket's tags; the ticket and the lists are read again (they show the tags). */
export function useSetTicketTags(ticketKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tags: string[]) =>
      api.put<TicketTagsView>(`/tickets/${encodeURIComponent(ticketKey)}/tags`, { tags }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.tickets }),
        queryClient.invalidateQueries({ queryKey: ['tags'] }),
      ]);
    },
  });
}
