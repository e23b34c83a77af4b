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

export function Pager({
  label,
  page,
  nextCursor,
  onPrevious,
  onNext,
}: {
  label: string;
  page: number;
  nextCursor: string | null;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  if (page === 1 && !nextCursor) return null;
  return (
    <Group component="nav" aria-label={label} justify="space-between" px="lg" py="md" wrap="nowrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('common.page', { page })}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Button variant="default" size="sm" disabled={page === 1} onClick={onPrevious}>
          {t('common.previous')}
        </Button>
        <Button
          variant="default"
          size="sm"
          disabled={!nextCursor}
          onClick={() => {
            if (nextCursor) onNext(nextCursor);
          }}
        >
          {t('common.next')}
        </Button>
      </Group>
    </Group>
  );
}
