import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../../shared/tickets.js';

export const STATUS_COLORS: Record<TicketStatus, string> = {
  open: 'blue',
  assigned: 'indigo',
  in_progress: 'yellow',
  waiting_on_customer: 'orange',
  resolved: 'green',
  reopened: 'red',
  closed: 'gray',
};

/** A ticket's status as a coloured badge, named in the interface language. */
export function StatusBadge({ status, size = 'md' }: { status: TicketStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" size={size} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
