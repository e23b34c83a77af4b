import { Badge, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/contracts/tickets.js';
import { isRole } from './ticket-role.js';
import { RoleBadge } from '../../components/role-badge.js';
import { errorText } from '../../components/error-text.js';
import { useFormat } from '../../i18n/format.js';
import { MessageAttachments } from './message-attachments.js';
import { MessageBody } from './message-body.js';
import classes from './ticket.module.css';

/** Where one of our own messages stands: only a tab's own unsent copies are pending or failed. */
export type Delivery =
  { state: 'sent'; seen: boolean } | { state: 'pending' } | { state: 'failed'; error: unknown };

/** One message of the thread; internal notes are tinted and labelled, and never shown to customers. */
export function TicketMessage({
  message,
  ownId,
  delivery = { state: 'sent', seen: false },
  onRetry,
}: {
  message: MessageView;
  ownId: string;
  delivery?: Delivery;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = message.author.role !== 'customer';
  const own = message.author.id === ownId;
  const className = [
    classes.message,
    message.internal ? classes.internal : staff ? classes.staff : '',
    own && !message.internal ? classes.own : '',
    delivery.state === 'pending' ? classes.pending : '',
    delivery.state === 'failed' ? classes.failed : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <article
      className={className}
      data-internal={message.internal || undefined}
      data-delivery={delivery.state}
      aria-label={message.author.fullName}
    >
      <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
        <Group gap={8} wrap="wrap">
          <Text size="sm" fw={600}>
            {own ? t('ticket.authorYou') : message.author.fullName}
          </Text>
          {isRole(message.author.role) ? <RoleBadge role={message.author.role} /> : null}
          {message.internal ? (
            <Badge color="yellow" variant="filled" radius="sm" size="sm">
              {t('ticket.internal')}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
          {format.dateTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" className={classes.body}>
        <MessageBody text={message.body} />
      </Text>
      <MessageAttachments attachments={message.attachments} />
      {delivery.state === 'pending' ? (
        <Text size="xs" c="dimmed" mt={4} role="status">
          {t('chat.sending')}
        </Text>
      ) : delivery.state === 'failed' ? (
        <Group gap="xs" mt={4} justify="flex-end">
          <Text size="xs" c="red" role="alert">
            {t('chat.failed', { reason: errorText(t, delivery.error) })}
          </Text>
          <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
            {t('chat.retry')}
          </Button>
        </Group>
      ) : own && delivery.seen ? (
        <Text size="xs" c="dimmed" mt={4} ta="end" data-seen>
          {t('chat.seen')}
        </Text>
      ) : null}
    </article>
  );
}
