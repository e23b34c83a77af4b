import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSavedFilterBody,
  SavedFilterList,
  SavedFilterView,
  UpdateSavedFilterBody,
} from '../../shared/contracts/saved-filters.js';
import { api } from './client.js';

export const savedFilterKeys = { all: ['saved-filters'] as const };

/** The caller's saved ticket-list filters (staff only). */
export function useSavedFilters(enabled = true) {
  return useQuery({
    queryKey: savedFilterKeys.all,
    queryFn: ({ signal }) => api.get<SavedFilterList>('/saved-filters', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useCreateSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSavedFilterBody) => api.post<SavedFilterView>('/saved-filters', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFilterKeys.all }),
  });
}

export function useUpdateSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateSavedFilterBody & { id: string }) =>
      api.patch<SavedFilterView>(`/saved-filters/${encodeURIComponent(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFilterKeys.all }),
  });
}

export function useDeleteSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<undefined>(`/saved-filters/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedFilterKeys.all }),
  });
}
