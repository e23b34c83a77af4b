import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTickets } from '../../api/tickets.hooks.js';
import { ListPage } from '../../components/list-page.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { TicketList } from '../../components/tickets/ticket-list.js';
import { CUSTOMER_TICKET_COLUMNS } from './customer-ticket-columns.js';

/** "My tickets": every ticket the customer raised, newest activity first. */
export function CustomerTicketsPage() {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const query = useTickets({ cursor: pages.cursor });
  return (
    <ListPage
      title={t('tickets.myTitle')}
      description={t('tickets.myIntro')}
      actions={
        <Button component={Link} to="/customer/tickets/new">
          {t('nav.newTicket')}
        </Button>
      }
    >
      <TicketList
        query={query}
        pager={pages}
        basePath="/customer/tickets"
        columns={CUSTOMER_TICKET_COLUMNS}
        empty={{ title: t('tickets.empty'), body: t('tickets.emptyBody') }}
      />
    </ListPage>
  );
}
