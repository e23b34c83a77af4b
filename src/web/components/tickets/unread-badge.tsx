import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';

/** The server counts up to this many unread messages, and one more to say "more". */
const UNREAD_CAP = 99;

/** "3", or "99+" past the cap; nothing when all is read. */
export function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (count <= 0) return null;
  const text = count > UNREAD_CAP ? `${format.number(UNREAD_CAP)}+` : format.number(count);
  return (
    <Badge
      size="sm"
      color="red"
      variant="filled"
      radius="xl"
      aria-label={t('chat.unread', { count })}
      data-unread={count}
    >
      {text}
    </Badge>
  );
}
