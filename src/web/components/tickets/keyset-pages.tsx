import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A stack of keyset cursors: "Next" pushes the page's nextCursor, "Previous" pops. */
export function useCursorStack() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    previous: () => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
    next: (cursor: string) => setCursors((stack) => [...stack, cursor]),
  };
}

export type CursorStack = Pick<ReturnType<typeof useCursorStack>, 'page' | 'previous' | 'next'>;

/** What the pager reads from a keyset page's query (placeholder data has no next page yet). */
interface PagedQuery {
  data?: { nextCursor: string | null } | undefined;
  isPlaceholderData: boolean;
}

/** "Page N" with Previous and Next below a list; Next follows the current page's nextCursor. */
export function Pager({
  label,
  pages,
  query,
  alwaysShown = false,
}: {
  label: string;
  pages: CursorStack;
  query: PagedQuery;
  /** Left out, a list that fits on one page shows no pager. */
  alwaysShown?: boolean;
}) {
  const { t } = useTranslation();
  const { page } = pages;
  const nextCursor = query.isPlaceholderData ? null : (query.data?.nextCursor ?? null);
  if (page === 1 && !nextCursor && !alwaysShown) return null;
  return (
    <Group component="nav" aria-label={label} justify="space-between" px="lg" py="md" wrap="nowrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.page', { page })}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Button variant="default" size="sm" disabled={page === 1} onClick={pages.previous}>
          {t('common.previous')}
        </Button>
        <Button
          variant="default"
          size="sm"
          disabled={!nextCursor}
          onClick={() => {
            if (nextCursor) pages.next(nextCursor);
          }}
        >
          {t('common.next')}
        </Button>
      </Group>
    </Group>
  );
}
