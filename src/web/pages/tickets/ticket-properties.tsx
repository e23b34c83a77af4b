import { Button, Card, Divider, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import type { Role } from '../../../shared/roles.js';
import { usePickUpTicket } from '../../api/tickets.hooks.js';
import classes from '../../components/account-card.module.css';
import { showErrorToast } from '../../components/error-toast.js';
import { StatusBadge } from '../../components/tickets/status-badge.js';
import { AgentName } from '../../components/tickets/tickets-table.js';
import { useFormat } from '../../i18n/format.js';
import { AssignAgent } from '../admin/assign-agent.js';
import { RatingSummary } from './rating-card.js';
import { StatusActions } from './status-actions.js';
import { TicketHistory } from './ticket-history.js';
import { TicketTags } from './ticket-tags.js';
import { TicketSla } from './ticket-sla.js';

/** The side panel: status and what can be done with it, who is involved, when, and the history. */
export function TicketProperties({
  ticket,
  ticketKey,
  role,
  onChanged,
}: {
  ticket: TicketDetail;
  ticketKey: string;
  role: Role;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const historyId = useId();
  const pickUp = usePickUpTicket();

  return (
    <Stack gap="md">
      <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
        <Title order={2} size="h4" id={titleId} mb="md">
          {t('ticket.properties')}
        </Title>
        <dl className={classes.list}>
          <dt className={classes.term}>{t('tickets.status')}</dt>
          <dd className={classes.value}>
            <StatusBadge status={ticket.status} />
          </dd>
          <dt className={classes.term}>{t('tickets.category')}</dt>
          <dd className={classes.value}>{ticket.category.name}</dd>
          <dt className={classes.term}>{t('tickets.agent')}</dt>
          <dd className={classes.value} data-field="agent">
            <AgentName agent={ticket.agent} />
          </dd>
          {role !== 'customer' ? (
            <>
              <dt className={classes.term}>{t('tickets.customer')}</dt>
              <dd className={classes.value}>
                <Text size="sm">{ticket.customer.fullName}</Text>
                <Text size="xs" c="dimmed">
                  {ticket.customer.email}
                </Text>
              </dd>
            </>
          ) : null}
          {ticket.orderReference ? (
            <>
              <dt className={classes.term}>{t('ticket.orderReference')}</dt>
              <dd className={classes.value}>{ticket.orderReference}</dd>
            </>
          ) : null}
          <dt className={classes.term}>{t('tickets.created')}</dt>
          <dd className={classes.value}>
            <time dateTime={ticket.createdAt}>{format.dateTime(ticket.createdAt)}</time>
          </dd>
          <dt className={classes.term}>{t('ticket.updated')}</dt>
          <dd className={classes.value}>
            <time dateTime={ticket.updatedAt}>{format.dateTime(ticket.updatedAt)}</time>
          </dd>
          {ticket.resolvedAt ? (
            <>
              <dt className={classes.term}>{t('ticket.resolvedAt')}</dt>
              <dd className={classes.value}>
                <time dateTime={ticket.resolvedAt}>{format.dateTime(ticket.resolvedAt)}</time>
              </dd>
            </>
          ) : null}
        </dl>
        {role !== 'customer' ? (
          <>
            <Divider my="md" />
            <TicketSla
              ticket={ticket}
              ticketKey={ticketKey}
              canChange={role === 'admin' || (role === 'agent' && ticket.agent !== null)}
            />
          </>
        ) : null}
        {role !== 'customer' ? (
          <>
            <Divider my="md" />
            <TicketTags ticketKey={ticketKey} tags={ticket.tags ?? []} />
          </>
        ) : null}
        {role !== 'customer' && (ticket.rating || ticket.resolvedAt) ? (
          <>
            <Divider my="md" />
            <Text size="sm" fw={500} mb="xs">
              {t('chat.rating')}
            </Text>
            {ticket.rating ? (
              <RatingSummary rating={ticket.rating} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('chat.notRated')}
              </Text>
            )}
          </>
        ) : null}
        {role === 'admin' && ticket.status !== 'closed' ? (
          <>
            <Divider my="md" />
            <AssignAgent ticket={ticket} label={t('assign.label')} onAssigned={onChanged} />
          </>
        ) : null}
        {role === 'agent' && !ticket.agent ? (
          <>
            <Divider my="md" />
            <Button
              fullWidth
              loading={pickUp.isPending}
              onClick={() =>
                pickUp.mutate(
                  { ticket: ticket.id, version: ticket.version },
                  {
                    onSuccess: () =>
                      notifications.show({
                        color: 'green',
                        message: t('agent.pickedUp', { reference: ticket.reference }),
                      }),
                    onError: (error) => {
                      showErrorToast(t, error);
                      onChanged();
                    },
                  },
                )
              }
            >
              {t('agent.pickUp')}
            </Button>
          </>
        ) : null}
        {ticket.allowedStatuses.length > 0 ? (
          <>
            <Divider my="md" />
            <Text size="sm" fw={500} mb="xs">
              {t('ticket.changeStatus')}
            </Text>
            <StatusActions ticket={ticket} ticketKey={ticketKey} />
          </>
        ) : null}
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby={historyId}>
        <Title order={2} size="h4" id={historyId} mb="md">
          {t('ticket.history')}
        </Title>
        <TicketHistory events={ticket.history} />
      </Card>
    </Stack>
  );
}
