import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePickUpTicket, useTicketQueue } from '../../api/tickets.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { useCursorStack } from '../../components/tickets/keyset-pages.js';
import { TicketList } from '../../components/tickets/ticket-list.js';

/** "Unassigned": tickets in the agent's categories that nobody has yet; picking one up opens it. */
export function AgentUnassignedPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pages = useCursorStack();
  const query = useTicketQueue(pages.cursor);
  const pickUp = usePickUpTicket();
  return (
    <ListPage title={t('agent.unassignedTitle')} description={t('agent.unassignedIntro')}>
      <TicketList
        query={query}
        pager={pages}
        basePath="/agent/tickets"
        columns={['category', 'created']}
        empty={{ title: t('adminTickets.nothingLeft'), body: t('agent.unassignedEmptyBody') }}
        actionLabel={t('common.actions')}
        action={(ticket) => (
          <Button
            size="xs"
            aria-label={t('agent.pickUpLabel', { reference: ticket.reference })}
            loading={pickUp.isPending && pickUp.variables.ticket === ticket.id}
            disabled={pickUp.isPending}
            onClick={() =>
              pickUp.mutate(
                { ticket: ticket.id, version: ticket.version },
                {
                  onSuccess: (picked) => {
                    notifications.show({
                      color: 'green',
                      message: t('agent.pickedUp', { reference: picked.reference }),
                    });
                    void navigate(`/agent/tickets/${picked.reference}`);
                  },
                  onError: (error) => showErrorToast(t, error),
                },
              )
            }
          >
            {t('agent.pickUp')}
          </Button>
        )}
      />
    </ListPage>
  );
}
