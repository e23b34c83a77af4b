import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketEventView } from '../../../shared/contracts/tickets.js';
import { useFormat } from '../../i18n/format.js';
import classes from './ticket.module.css';

/** The ticket's events, oldest first: raised, assigned, status changes, and who did them. */
export function TicketHistory({ events }: { events: TicketEventView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const what = (event: TicketEventView): string => {
    switch (event.type) {
      case 'created':
        return t('ticket.eventCreated');
      case 'assigned':
        return t('ticket.eventAssigned', { agent: event.agent?.fullName ?? t('common.notAvailable') });
      case 'unassigned':
        return t('ticket.eventUnassigned');
      case 'status_changed':
        return t('ticket.eventStatus', {
          from: event.fromStatus ? t(`status.${event.fromStatus}`) : '',
          to: event.toStatus ? t(`status.${event.toStatus}`) : '',
        });
      case 'priority_changed':
        return t('sla.eventPriority', {
          from: event.fromPriority ? t(`sla.priority.${event.fromPriority}`) : '',
          to: event.toPriority ? t(`sla.priority.${event.toPriority}`) : '',
        });
    }
  };
  return (
    <ol className={classes.history}>
      {events.map((event) => (
        <li key={event.id} className={classes.historyItem}>
          <Text size="sm">{what(event)}</Text>
          <Text size="xs" c="dimmed">
            <time dateTime={event.createdAt}>{format.dateTime(event.createdAt)}</time>
            {' · '}
            {event.actor ? t('ticket.eventBy', { name: event.actor.fullName }) : t('ticket.eventBySystem')}
          </Text>
        </li>
      ))}
    </ol>
  );
}
