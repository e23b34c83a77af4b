import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReportKind } from '../../../../shared/contracts/reports.js';
import { api } from '../../../api/client.js';

export interface ReportFilters {
  from: string;
  to: string;
  categoryId?: string | undefined;
  agentId?: string | undefined;
}

const query = (filters: ReportFilters) => ({
  from: filters.from,
  to: filters.to,
  categoryId: filters.categoryId,
  agentId: filters.agentId,
});

/** One report's JSON; the previous numbers stay on screen while new filters load. */
export function useReport<T>(kind: ReportKind, filters: ReportFilters) {
  return useQuery({
    queryKey: ['reports', kind, filters],
    queryFn: ({ signal }) => api.get<T>(`/admin/reports/${kind}`, { signal, query: query(filters) }),
    placeholderData: keepPreviousData,
  });
}

/** The address of a report's CSV download (same filters, `format=csv`). */
export function csvUrl(kind: ReportKind, filters: ReportFilters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to, format: 'csv' });
  if (filters.categoryId) params.set('categoryId', filters.categoryId);
  if (filters.agentId) params.set('agentId', filters.agentId);
  return `/api/v1/admin/reports/${kind}?${params.toString()}`;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The last 30 days, today included. */
export function defaultRange(today = new Date()): { from: string; to: string } {
  return { from: iso(new Date(today.getTime() - 29 * 86_400_000)), to: iso(today) };
}
