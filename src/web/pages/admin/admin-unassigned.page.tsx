import { useTranslation } from 'react-i18next';
import { useTickets } from '../../api/tickets.hooks.js';
import { ListPage } from '../../components/list-page.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { TicketList } from '../../components/tickets/ticket-list.js';
import { AssignAgent } from './assign-agent.js';

/** "Unassigned": tickets waiting for an agent, each with an agent drop-down (confirmed in a dialog). */
export function AdminUnassignedPage() {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const query = useTickets({ unassigned: true, cursor: pages.cursor });
  return (
    <ListPage title={t('adminTickets.unassignedTitle')} description={t('adminTickets.unassignedIntro')}>
      <TicketList
        query={query}
        pager={pages}
        basePath="/admin/tickets"
        columns={['category', 'customer', 'created']}
        empty={{ title: t('adminTickets.nothingLeft'), body: t('adminTickets.nothingLeftBody') }}
        actionLabel={t('assign.label')}
        action={(ticket) => (
          <AssignAgent
            ticket={ticket}
            label={t('assign.labelFor', { reference: ticket.reference })}
            compact
          />
        )}
      />
    </ListPage>
  );
}
