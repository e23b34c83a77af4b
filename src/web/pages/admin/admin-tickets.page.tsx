import { Divider, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useTickets } from '../../api/tickets.hooks.js';
import { ListPage } from '../../components/list-page.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { TicketList } from '../../components/tickets/ticket-list.js';
import { SaveFilterButton } from '../../components/tickets/save-filter-button.js';
import {
  filtersFromSearch,
  filtersToSearch,
  TicketFilters,
  type TicketFilterValues,
} from './ticket-filters.js';

/** "Tickets": all tickets with filters and search, newest activity first. */
export function AdminTicketsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const key = JSON.stringify(filters);
  return (
    <ListPage
      title={t('adminTickets.title')}
      description={t('adminTickets.intro')}
      actions={<SaveFilterButton search={searchParams} />}
    >
      <Stack p={{ base: 'md', sm: 'lg' }}>
        <TicketFilters
          filters={filters}
          onChange={(next) => setSearchParams(filtersToSearch(next), { replace: true })}
        />
      </Stack>
      <Divider />
      {/* New filters start again from the first page. */}
      <FilteredTickets key={key} filters={filters} />
    </ListPage>
  );
}

function FilteredTickets({ filters }: { filters: TicketFilterValues }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const query = useTickets({ ...filters, cursor: pages.cursor });
  const filtered = Object.values(filters).some((value) => value !== undefined);
  return (
    <TicketList
      query={query}
      pager={pages}
      basePath="/admin/tickets"
      columns={['service', 'category', 'customer', 'agent']}
      empty={{ title: t('adminTickets.empty'), body: filtered ? undefined : t('adminTickets.emptyAll') }}
    />
  );
}
