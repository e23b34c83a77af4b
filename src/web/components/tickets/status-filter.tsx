import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES, type TicketStatus } from '../../../shared/tickets.js';

export const parseStatus = (value: string | null): TicketStatus | undefined =>
  (TICKET_STATUSES as readonly string[]).includes(value ?? '') ? (value as TicketStatus) : undefined;

/** "Status": every ticket status, or all of them. */
export function StatusFilter({
  value,
  onChange,
  statuses = TICKET_STATUSES,
}: {
  value: TicketStatus | undefined;
  onChange: (status: TicketStatus | undefined) => void;
  statuses?: readonly TicketStatus[];
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('tickets.status')}
      size="sm"
      miw={200}
      value={value ?? ''}
      onChange={(event) => onChange(parseStatus(event.currentTarget.value))}
    >
      <option value="">{t('common.allStatuses')}</option>
      {statuses.map((status) => (
        <option key={status} value={status}>
          {t(`status.${status}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
