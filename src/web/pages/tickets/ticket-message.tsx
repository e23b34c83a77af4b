import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../shared/contracts/tickets.js';
import { isRole } from './ticket-role.js';
import { RoleBadge } from '../../components/role-badge.js';
import { useFormat } from '../../i18n/format.js';
import classes from './ticket.module.css';

/** One message of the thread; internal notes are tinted and labelled, and never shown to customers. */
export function TicketMessage({ message, ownId }: { message: MessageView; ownId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = message.author.role !== 'customer';
  const className = [classes.message, message.internal ? classes.internal : staff ? classes.staff : '']
    .filter(Boolean)
    .join(' ');
  return (
    <article
      className={className}
      data-internal={message.internal || undefined}
      aria-label={message.author.fullName}
    >
      <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
        <Group gap={8} wrap="wrap">
          <Text size="sm" fw={600}>
            {message.author.id === ownId ? t('ticket.authorYou') : message.author.fullName}
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
        {message.body}
      </Text>
    </article>
  );
}
