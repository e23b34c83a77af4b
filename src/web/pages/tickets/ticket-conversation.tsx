import { Alert, Button, Card, Divider, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MessageView, TicketDetail } from '../../../shared/contracts/tickets.js';
import { REOPEN_WINDOW_DAYS } from '../../../shared/tickets.js';
import type { UserView } from '../../../shared/contracts/auth.js';
import { useOutbox, type OutgoingMessage } from '../../api/conversation.hooks.js';
import { useMessages } from '../../api/tickets.hooks.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { useFormat } from '../../i18n/format.js';
import { useTicketPresence, useTyping, useWatchTicket } from '../../live/live-provider.js';
import { firstName } from '../../../shared/names.js';
import { counterpartOf, seenMessageId } from './conversation-state.js';
import { MessageComposer } from './message-composer.js';
import { placeholderValues } from '../../../shared/canned-placeholders.js';
import { RatingCard } from './rating-card.js';
import { TicketMessage } from './ticket-message.js';
import { useMarkReadOnView } from './use-mark-read.js';
import classes from './ticket.module.css';

const isClosedConversation = (ticket: TicketDetail) =>
  ticket.status === 'resolved' || ticket.status === 'closed';

/** Who may write on this ticket now: the customer until it is resolved; its agent; any admin. */
function canWrite(ticket: TicketDetail, user: UserView): boolean {
  if (ticket.status === 'closed') return false;
  if (user.role === 'customer') return ticket.status !== 'resolved';
  if (user.role === 'agent') return ticket.agent?.id === user.id;
  return true;
}

/** Our own unsent copy, shaped like a stored message so it renders in the same place. */
function asMessage(outgoing: OutgoingMessage, user: UserView): MessageView {
  return {
    id: `outgoing-${outgoing.clientId}`,
    body: outgoing.body,
    internal: outgoing.internal,
    author: { id: user.id, fullName: user.fullName, role: user.role },
    clientId: outgoing.clientId,
    attachments: outgoing.attachments,
    createdAt: new Date().toISOString(),
  };
}

/** The middle of the ticket page: the customer's query, the live thread, and the composer at the bottom. */
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
  const outbox = useOutbox(ticketKey);
  const staff = user.role !== 'customer';
  // Customers know staff by their first name only, here as in the thread.
  const typing = useTyping(ticket.id).map((name) => (staff ? name : firstName(name)));
  const sendTyping = useWatchTicket(ticket.id);
  const counterpart = counterpartOf(ticket, user.role);
  const online = useTicketPresence(counterpart?.id);
  const thread = messages.data ?? [];
  const stored = new Set(thread.map((message) => message.clientId).filter(Boolean));
  const outgoing = outbox.outgoing.filter((item) => !stored.has(item.clientId));
  const seenId = seenMessageId(thread, ticket, user.id);
  useMarkReadOnView(ticketKey, thread.at(-1)?.id, ticket.unreadCount > 0);

  const bottom = useRef<HTMLDivElement>(null);
  const count = thread.length + outgoing.length;
  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: 'nearest' });
  }, [count]);

  const closed = isClosedConversation(ticket);
  const writable = canWrite(ticket, user);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={titleId}>
            {t('ticket.conversation')}
          </Title>
          {counterpart && online !== undefined ? (
            <Group gap={6} data-testid="presence" data-online={online || undefined}>
              <span className={classes.presenceDot} data-online={online || undefined} aria-hidden />
              <Text size="xs" c="dimmed">
                {online
                  ? t('chat.online', { name: counterpart.name })
                  : t('chat.offline', { name: counterpart.name })}
              </Text>
            </Group>
          ) : null}
        </Group>
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
        ) : count === 0 ? (
          <Text size="sm" c="dimmed">
            {t('ticket.noMessages')}
          </Text>
        ) : (
          <Stack gap="sm" aria-live="polite" data-testid="thread">
            {thread.map((message) => (
              <TicketMessage
                key={message.id}
                message={message}
                ownId={user.id}
                delivery={{ state: 'sent', seen: message.id === seenId }}
              />
            ))}
            {outgoing.map((item) => (
              <TicketMessage
                key={item.clientId}
                message={asMessage(item, user)}
                ownId={user.id}
                delivery={
                  item.state === 'failed' ? { state: 'failed', error: item.error } : { state: 'pending' }
                }
                onRetry={() => outbox.retry(item.clientId)}
              />
            ))}
            <div ref={bottom} />
          </Stack>
        )}
        <Text size="xs" c="dimmed" mih={18} aria-live="polite" data-testid="typing">
          {typing.length > 0 ? t('chat.typing', { name: typing.join(', '), count: typing.length }) : null}
        </Text>
        {closed ? <ClosedNote ticket={ticket} user={user} /> : null}
        {user.role === 'customer' && ticket.status === 'resolved' ? (
          <RatingCard ticket={ticket} ticketKey={ticketKey} />
        ) : null}
        {writable ||
        (staff && ticket.status === 'resolved' && (user.role === 'admin' || ticket.agent?.id === user.id)) ? (
          <>
            <Divider />
            <MessageComposer
              ticketKey={ticketKey}
              allowInternal={staff}
              notesOnly={staff && ticket.status === 'resolved'}
              onSend={(message) => outbox.send(message)}
              onTyping={sendTyping}
              cannedValues={
                staff
                  ? placeholderValues({
                      customerName: ticket.customer.fullName,
                      reference: ticket.reference,
                      subject: ticket.subject,
                      agentName: user.fullName,
                    })
                  : undefined
              }
            />
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

/** Resolved or closed: the conversation is read-only; say why and what the customer can do. */
function ClosedNote({ ticket, user }: { ticket: TicketDetail; user: UserView }) {
  const { t } = useTranslation();
  const customer = user.role === 'customer';
  const newTicket = customer ? (
    <Button component={Link} to="/customer/tickets/new" size="xs" variant="default" mt="xs">
      {t('ticket.raiseNew')}
    </Button>
  ) : null;
  if (ticket.status === 'closed') {
    return (
      <Alert variant="light" color="gray" data-testid="conversation-closed">
        <Text size="sm">{t('chat.closedClosed')}</Text>
        {newTicket}
      </Alert>
    );
  }
  const reopenable = ticket.allowedStatuses.includes('reopened');
  return (
    <Alert variant="light" color="gray" data-testid="conversation-closed">
      <Text size="sm">{t('chat.closedResolved')}</Text>
      {customer ? (
        reopenable ? (
          <Text size="sm" mt={4}>
            {t('ticket.reopenHint', { count: REOPEN_WINDOW_DAYS })}
          </Text>
        ) : (
          <>
            <Text size="sm" mt={4}>
              {t('ticket.reopenExpired', { count: REOPEN_WINDOW_DAYS })}
            </Text>
            {newTicket}
          </>
        )
      ) : null}
    </Alert>
  );
}
