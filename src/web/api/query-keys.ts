import type { Role } from '../../shared/roles.js';

export interface AccountsFilter {
  role?: Role | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Every TanStack Query key in one place, so invalidation and tests name the same thing. */
export const queryKeys = {
  session: ['session'] as const,
  admin: ['admin'] as const,
  adminOverview: ['admin', 'overview'] as const,
  adminUsers: (filter: AccountsFilter) => ['admin', 'users', filter] as const,
};
