import { Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPage, TicketSummary } from '../../../shared/contracts/tickets.js';
import { EmptyState } from '../empty-state.js';
import { QueryErrorAlert } from '../query-error-alert.js';
import { Pager } from './keyset-pages.js';
import { TicketsTable, type TicketColumn } from './tickets-table.js';

/** A page of tickets with its states: error (with retry), empty (what to do), table and pager. */
export function TicketList({
  query,
  pager,
  basePath,
  columns,
  empty,
  action,
  actionLabel,
}: {
  query: UseQueryResult<TicketPage>;
  /** Keyset paging below the table; left out, only the first page shows. */
  pager?: { page: number; previous: () => void; next: (cursor: string) => void };
  basePath: string;
  columns: TicketColumn[];
  empty: { title: string; body?: ReactNode };
  action?: (ticket: TicketSummary) => ReactNode;
  actionLabel?: string;
}) {
  const { t } = useTranslation();
  if (query.isError) {
    return (
      <Stack p="lg">
        <QueryErrorAlert
          title={t('tickets.loadError')}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </Stack>
    );
  }
  if (query.data && query.data.items.length === 0 && !query.isPlaceholderData) {
    return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  }
  return (
    <>
      <TicketsTable
        tickets={query.data?.items}
        loading={query.isPending}
        refreshing={query.isPlaceholderData}
        basePath={basePath}
        columns={columns}
        action={action}
        actionLabel={actionLabel}
      />
      {pager ? (
        <Pager
          label={t('tickets.pagination')}
          page={pager.page}
          nextCursor={query.isPlaceholderData ? null : (query.data?.nextCursor ?? null)}
          onPrevious={pager.previous}
          onNext={pager.next}
        />
      ) : null}
    </>
  );
}
