import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import { isApiError } from '../../api/client.js';
import { useChangeStatus, useTicket } from '../../api/tickets.hooks.js';
import { showErrorToast } from '../../components/error-toast.js';

const PRIMARY: TicketStatus[] = ['resolved', 'reopened', 'in_progress'];

/**
 * One button per status the server says the caller may move the ticket to now. A change someone
 * else made first (409 STALE_UPDATE / INVALID_TRANSITION) is explained and the ticket reloaded.
 */
export function StatusActions({ ticket, ticketKey }: { ticket: TicketDetail; ticketKey: string }) {
  const { t } = useTranslation();
  const change = useChangeStatus(ticketKey);
  const current = useTicket(ticketKey);
  if (ticket.allowedStatuses.length === 0) return null;
  return (
    <Group gap="xs" role="group" aria-label={t('ticket.changeStatus')}>
      {ticket.allowedStatuses.map((status) => (
        <Button
          key={status}
          size="xs"
          variant={PRIMARY.includes(status) ? 'filled' : 'default'}
          loading={change.isPending && change.variables.status === status}
          disabled={change.isPending}
          onClick={() =>
            change.mutate(
              { status, version: ticket.version },
              {
                onSuccess: (updated) =>
                  notifications.show({
                    color: 'green',
                    message: t('ticket.statusChanged', { status: t(`status.${updated.status}`) }),
                  }),
                onError: (error) => {
                  showErrorToast(t, error);
                  if (isApiError(error) && error.status === 409) void current.refetch();
                },
              },
            )
          }
        >
          {t(`statusAction.${status}`)}
        </Button>
      ))}
    </Group>
  );
}
