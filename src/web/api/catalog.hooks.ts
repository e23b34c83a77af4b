import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CategoryList,
  CategoryView,
  CreateCategoryBody,
  UpdateCategoryBody,
} from '../../shared/contracts/categories.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

/** Active categories (anyone), or every category with the archived ones (admins). */
export function useCategories(includeArchived = false) {
  return useQuery({
    queryKey: queryKeys.categoryList(includeArchived),
    queryFn: ({ signal }) =>
      api.get<CategoryList>('/categories', {
        signal,
        query: { includeArchived: includeArchived ? 'true' : undefined },
      }),
    select: (list) => list.items,
    staleTime: 5 * 60_000,
  });
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCategoryBody) => api.post<CategoryView>('/admin/categories', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
  });
}

export function useUpdateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateCategoryBody & { id: string }) =>
      api.patch<CategoryView>(`/admin/categories/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
  });
}
