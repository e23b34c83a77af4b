import { Badge, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveDown } from './live-provider.js';

/** A small note in the header while the live connection is down; nothing while it works. */
export function LiveStatusIndicator() {
  const { t } = useTranslation();
  const down = useLiveDown();
  if (!down) return null;
  return (
    <Badge
      variant="light"
      color="orange"
      radius="sm"
      leftSection={<Loader size={10} color="orange" />}
      role="status"
      data-testid="live-status"
    >
      {t('chat.reconnecting')}
    </Badge>
  );
}
