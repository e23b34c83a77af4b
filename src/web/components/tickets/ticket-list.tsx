import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketPage, TicketSummary } from '../../../shared/contracts/tickets.js';
import { noItems, QueryStates } from '../query-states.js';
import { Pager, type CursorStack } from './keyset-pages.js';
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
  pager?: CursorStack;
  basePath: string;
  columns: TicketColumn[];
  empty: { title: string; body?: ReactNode };
  action?: (ticket: TicketSummary) => ReactNode;
  actionLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <QueryStates query={query} errorTitle={t('tickets.loadError')} isEmpty={noItems} empty={empty}>
      <TicketsTable
        tickets={query.data?.items}
        loading={query.isPending}
        refreshing={query.isPlaceholderData}
        basePath={basePath}
        columns={columns}
        action={action}
        actionLabel={actionLabel}
      />
      {pager ? <Pager label={t('tickets.pagination')} pages={pager} query={query} /> : null}
    </QueryStates>
  );
}
