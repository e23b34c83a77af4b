import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailStatus } from '../../../shared/contracts/mail.js';

const MAIL_STATUS_COLORS: Record<MailStatus, string> = {
  pending: 'yellow',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
};

/** An email's delivery state as a coloured badge, named in the interface language. */
export function MailStatusBadge({ status }: { status: MailStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={MAIL_STATUS_COLORS[status]} variant="light" radius="sm" data-status={status}>
      {t(`mailLog.statuses.${status}`)}
    </Badge>
  );
}
