import { Badge } from '@mantine/core';
import { useUnreadSummary } from '../../api/conversation.hooks.js';
import { useFormat } from '../../i18n/format.js';

/**
 * How many of the user's tickets have unread messages, beside their ticket list in the navigation.
 * Kept fresh by the live channel (message and read events invalidate it), never by polling.
 */
export function UnreadNavBadge() {
  const unread = useUnreadSummary();
  const format = useFormat();
  const count = unread.data?.tickets ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" variant="filled" color="red" radius="sm" aria-hidden data-testid="nav-unread">
      {format.number(count)}
    </Badge>
  );
}
