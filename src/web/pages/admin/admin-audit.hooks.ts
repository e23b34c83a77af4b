import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  AUDIT_ACTIONS,
  AUDIT_GROUPS,
  type AuditPage,
  type AuditQuery,
} from '../../../shared/contracts/audit.js';
import { api } from '../../api/client.js';

export type AuditFilters = Omit<AuditQuery, 'cursor'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACTIONS: readonly string[] = [...AUDIT_ACTIONS, ...AUDIT_GROUPS];

/** The filters, read from the address (so a search can be shared); anything malformed is dropped. */
export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const actor = params.get('actor')?.trim().slice(0, 200);
  const action = params.get('action') ?? '';
  const day = (name: string) => {
    const value = params.get(name);
    return value && DATE.test(value) ? value : undefined;
  };
  return {
    ...(actor ? { actor } : {}),
    ...(ACTIONS.includes(action) ? { action: action } : {}),
    ...(day('from') ? { from: day('from') } : {}),
    ...(day('to') ? { to: day('to') } : {}),
  };
}

export function auditFiltersToSearch(filters: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) out[key] = String(value);
  return out;
}

/** One page (50 entries) of the audit trail; the previous page stays on screen while the next loads. */
export function useAuditLog(filters: AuditFilters, cursor: string | undefined) {
  return useQuery({
    queryKey: ['audit', filters, cursor ?? null],
    queryFn: ({ signal }) => api.get<AuditPage>('/admin/audit', { signal, query: { ...filters, cursor } }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV download of every entry matching the same filters (a plain link: the browser saves it). */
export function auditExportUrl(filters: AuditFilters): string {
  const search = new URLSearchParams(auditFiltersToSearch(filters)).toString();
  return `/api/v1/admin/audit/export${search ? `?${search}` : ''}`;
}
