import { Alert, Button, Card, Divider, Loader, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import { REOPEN_WINDOW_DAYS } from '../../../shared/tickets.js';
import type { UserView } from '../../../shared/contracts/auth.js';
import { useMessages } from '../../api/tickets.hooks.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { useFormat } from '../../i18n/format.js';
import { MessageComposer } from './message-composer.js';
import { TicketMessage } from './ticket-message.js';
import classes from './ticket.module.css';

/** Who may write on this ticket now: the customer until it closes; its agent; any admin. */
function canWrite(ticket: TicketDetail, user: UserView): boolean {
  if (ticket.status === 'closed') return false;
  if (user.role === 'agent') return ticket.agent?.id === user.id;
  return true;
}

/** The middle of the ticket page: the customer's query, the thread, and the composer at the bottom. */
export function TicketConversation({
  ticket,
  ticketKey,
  user,
}: {
  ticket: TicketDetail;
  ticketKey: string;
  user: UserView;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const messages = useMessages(ticketKey);
  const staff = user.role !== 'customer';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id={titleId}>
            {t('ticket.conversation')}
          </Title>
        </div>
        <article className={classes.message} aria-label={t('ticket.query')}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            {t('ticket.query')} · {ticket.customer.fullName} ·{' '}
            <time dateTime={ticket.createdAt}>{format.dateTime(ticket.createdAt)}</time>
          </Text>
          <Text size="sm" className={classes.body} data-testid="ticket-description">
            {ticket.description}
          </Text>
        </article>
        {messages.isError ? (
          <QueryErrorAlert
            title={t('ticket.messagesError')}
            error={messages.error}
            onRetry={() => void messages.refetch()}
          />
        ) : messages.isPending ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : messages.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('ticket.noMessages')}
          </Text>
        ) : (
          <Stack gap="sm" aria-live="polite">
            {messages.data.map((message) => (
              <TicketMessage key={message.id} message={message} ownId={user.id} />
            ))}
          </Stack>
        )}
        <CustomerNotice ticket={ticket} user={user} />
        {canWrite(ticket, user) ? (
          <>
            <Divider />
            <MessageComposer ticketKey={ticketKey} allowInternal={staff} />
          </>
        ) : user.role === 'agent' && !ticket.agent ? (
          <Alert variant="light" color="blue">
            {t('ticket.pickUpFirst')}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Resolved or closed: may the customer reopen it, or should they raise a new ticket? */
function CustomerNotice({ ticket, user }: { ticket: TicketDetail; user: UserView }) {
  const { t } = useTranslation();
  if (user.role !== 'customer') return null;
  const newTicket = (
    <Button component={Link} to="/customer/tickets/new" size="xs" variant="default" mt="xs">
      {t('ticket.raiseNew')}
    </Button>
  );
  if (ticket.status === 'closed') {
    return (
      <Alert variant="light" color="gray">
        <Text size="sm">{t('ticket.closed')}</Text>
        {newTicket}
      </Alert>
    );
  }
  if (ticket.status !== 'resolved') return null;
  if (ticket.allowedStatuses.includes('reopened')) {
    return (
      <Alert variant="light" color="blue">
        {t('ticket.reopenHint', { count: REOPEN_WINDOW_DAYS })}
      </Alert>
    );
  }
  return (
    <Alert variant="light" color="yellow">
      <Text size="sm">{t('ticket.reopenExpired', { count: REOPEN_WINDOW_DAYS })}</Text>
      {newTicket}
    </Alert>
  );
}
