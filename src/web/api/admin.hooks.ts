import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AdminOverview, UserPage } from '../../shared/contracts/admin.js';
import { api } from './client.js';
import { queryKeys, type AccountsFilter } from './query-keys.js';

export function useAdminOverview() {
  return useQuery({
    queryKey: queryKeys.adminOverview,
    queryFn: ({ signal }) => api.get<AdminOverview>('/admin/overview', { signal }),
  });
}

/** One page of accounts, newest first; the previous page stays on screen while the next loads. */
export function useAdminUsers(filter: AccountsFilter) {
  return useQuery({
    queryKey: queryKeys.adminUsers(filter),
    queryFn: ({ signal }) =>
      api.get<UserPage>('/admin/users', {
        signal,
        query: { role: filter.role, cursor: filter.cursor, limit: filter.limit },
      }),
    placeholderData: keepPreviousData,
  });
}
