import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketFilter } from '../../api/query-keys.js';
import { useActiveAgents } from '../../api/agents.hooks.js';
import { useCategories } from '../../api/catalog.hooks.js';
import { parseStatus, StatusFilter } from '../../components/tickets/status-filter.js';
import { parseTag, TagFilter } from '../../components/tickets/tag-filter.js';
import { parsePriority, parseSlaFilter, SlaFilters } from '../../components/tickets/sla-badge.js';
import classes from './ticket-filters.module.css';

export type TicketFilterValues = Omit<TicketFilter, 'cursor' | 'limit'>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f-]{36}$/i;

/** The admin's ticket filters, read from and written to the address (so a view can be shared). */
export function filtersFromSearch(params: URLSearchParams): TicketFilterValues {
  const pick = (name: string, pattern: RegExp) => {
    const value = params.get(name);
    return value && pattern.test(value) ? value : undefined;
  };
  const q = params.get('q')?.trim();
  return {
    status: parseStatus(params.get('status')),
    categoryId: pick('categoryId', UUID),
    agentId: pick('agentId', UUID),
    unassigned: params.get('unassigned') === 'true' ? true : undefined,
    from: pick('from', DATE),
    to: pick('to', DATE),
    q: q ? q.slice(0, 200) : undefined,
    tag: parseTag(params.get('tag')),
    priority: parsePriority(params.get('priority')),
    sla: parseSlaFilter(params.get('sla')),
  };
}

export function filtersToSearch(filters: TicketFilterValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '' && value !== false) out[key] = String(value);
  }
  return out;
}

export function TicketFilters({
  filters,
  onChange,
}: {
  filters: TicketFilterValues;
  onChange: (filters: TicketFilterValues) => void;
}) {
  const { t } = useTranslation();
  const categories = useCategories(true);
  const agents = useActiveAgents();
  const [search, setSearch] = useState(filters.q ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  const set = (patch: Partial<TicketFilterValues>) => onChange({ ...filters, ...patch });

  return (
    <form
      role="search"
      aria-label={t('adminTickets.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        set({ q: search.trim() || undefined });
      }}
    >
      <div className={classes.grid}>
        <TextInput
          type="search"
          label={t('adminTickets.search')}
          placeholder={t('adminTickets.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          onBlur={() => set({ q: search.trim() || undefined })}
        />
        <StatusFilter value={filters.status} onChange={(status) => set({ status })} />
        <NativeSelect
          label={t('tickets.category')}
          value={filters.categoryId ?? ''}
          onChange={(event) => set({ categoryId: event.currentTarget.value || undefined })}
        >
          <option value="">{t('common.any')}</option>
          {(categories.data ?? []).map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('tickets.agent')}
          value={filters.agentId ?? ''}
          disabled={filters.unassigned === true}
          onChange={(event) => set({ agentId: event.currentTarget.value || undefined })}
        >
          <option value="">{t('common.any')}</option>
          {(agents.data ?? []).map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.fullName}
            </option>
          ))}
        </NativeSelect>
        <TagFilter value={filters.tag} onChange={(tag) => set({ tag })} />
        <SlaFilters priority={filters.priority} sla={filters.sla} onChange={set} />
        <TextInput
          type="date"
          label={t('adminTickets.from')}
          value={filters.from ?? ''}
          onChange={(event) => set({ from: event.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('adminTickets.to')}
          value={filters.to ?? ''}
          onChange={(event) => set({ to: event.currentTarget.value || undefined })}
        />
      </div>
      <Group justify="space-between" mt="sm" wrap="wrap">
        <Checkbox
          label={t('adminTickets.unassignedOnly')}
          checked={filters.unassigned === true}
          onChange={(event) =>
            set({ unassigned: event.currentTarget.checked || undefined, agentId: undefined })
          }
        />
        <Button
          variant="subtle"
          size="xs"
          onClick={() => {
            setSearch('');
            onChange({});
          }}
        >
          {t('adminTickets.clear')}
        </Button>
      </Group>
    </form>
  );
}
