import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES, type TicketStatus } from '../../../shared/tickets.js';
import { parseOneOf } from '../one-of.js';

export const parseStatus = (value: string | null): TicketStatus | undefined =>
  parseOneOf(TICKET_STATUSES, value);

/** "Status": every ticket status, or all of them. */
export function StatusFilter({
  value,
  onChange,
  statuses = TICKET_STATUSES,
  miw,
}: {
  value: TicketStatus | undefined;
  onChange: (status: TicketStatus | undefined) => void;
  statuses?: readonly TicketStatus[];
  /** A minimum width where the select stands alone in a row; in a grid the column decides. */
  miw?: number;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('tickets.status')}
      size="sm"
      miw={miw}
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
