import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, SkeletonRows } from '../../components/data-table.js';
import { noItems, QueryStates } from '../../components/query-states.js';
import { Pager, type CursorStack } from '../../components/tickets/keyset-pages.js';
import { summariseUserAgent } from './user-agent.js';

/** Shared by the sessions and remembered browsers pages: places where the account is signed in. */

interface Place {
  id: string;
  current: boolean;
  userAgent: string | null;
  ip: string | null;
}

const SKELETON_CELLS = [{ width: '70%' }, { width: 90 }, { width: 110 }, { width: 110 }, { width: 70 }];

/** The confirmation before signing out or forgetting: Cancel, and a red button that does it. */
export function ConfirmPlaceModal({
  opened,
  onClose,
  title,
  body,
  confirmLabel,
  onConfirm,
  loading,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A page of places: load error, empty state, skeleton rows while loading, the table and its pager. */
export function PlacesTable<Item extends Place>({
  query,
  pages,
  loadError,
  empty,
  caption,
  columns,
  pagination,
  row,
}: {
  query: UseQueryResult<{ items: Item[]; nextCursor: string | null }>;
  pages: CursorStack;
  loadError: string;
  empty: string;
  caption: string;
  columns: string[];
  pagination: string;
  /** The cells of one row. */
  row: (item: Item) => ReactNode;
}) {
  const items = query.data?.items;
  return (
    <QueryStates query={query} errorTitle={loadError} isEmpty={noItems} empty={{ title: empty }}>
      <DataTable
        caption={caption}
        columns={columns}
        minWidth={640}
        busy={query.isPending}
        refreshing={query.isPlaceholderData}
      >
        {query.isPending || !items ? (
          <SkeletonRows rows={3} cells={SKELETON_CELLS} />
        ) : (
          items.map((item) => <Table.Tr key={item.id}>{row(item)}</Table.Tr>)
        )}
      </DataTable>
      <Pager label={pagination} pages={pages} query={query} />
    </QueryStates>
  );
}

/** The browser as "Chrome on Windows", or as much of it as is known, with a badge on the current one. */
export function BrowserCell({ place, currentBadge }: { place: Place; currentBadge: string }) {
  const { t } = useTranslation();
  const { browser, os } = summariseUserAgent(place.userAgent);
  const name =
    browser && os
      ? t('sessions.browserOn', { browser, os })
      : (browser ?? os ?? (place.userAgent ? t('sessions.otherBrowser') : t('sessions.unknownDevice')));
  return (
    <Table.Td>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500} title={place.userAgent ?? undefined}>
          {name}
        </Text>
        {place.current ? (
          <Badge color="green" variant="light" radius="sm" size="sm">
            {currentBadge}
          </Badge>
        ) : null}
      </Group>
    </Table.Td>
  );
}

/** The IP address, or "not available". */
export function IpCell({ ip }: { ip: string | null }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {ip ?? t('common.notAvailable')}
      </Text>
    </Table.Td>
  );
}

/** A short, untranslated name for a button's accessible label ("Chrome, Windows, 203.0.113.9"). */
export function summaryText(place: Place): string {
  const { browser, os } = summariseUserAgent(place.userAgent);
  return [browser, os, place.ip].filter(Boolean).join(', ');
}
