import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedResponseView } from '../../../shared/contracts/canned-responses.js';
import { useCannedResponses, useDeleteCannedResponse } from '../../api/canned-responses.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { DataTable } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { QueryStates } from '../../components/query-states.js';
import { Pager, useCursorStack } from '../../components/tickets/keyset-pages.js';
import { CannedFormDialog, EMPTY_DRAFT, type CannedDraft } from './canned-form.js';

const COLUMNS = ['canned.titleLabel', 'canned.bodyLabel', 'canned.kind', 'common.actions'] as const;

/** "Canned responses": the team's shared replies and one's own; create, edit and delete them. */
export function CannedResponsesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<CannedDraft | null>(null);
  return (
    <ListPage
      title={t('canned.title')}
      description={t('canned.intro')}
      actions={<Button onClick={() => setEditing(EMPTY_DRAFT)}>{t('canned.new')}</Button>}
      below={
        <CannedFormDialog draft={editing} canShare={user.role === 'admin'} onClose={() => setEditing(null)} />
      }
    >
      <Stack p={{ base: 'md', sm: 'lg' }}>
        <TextInput
          type="search"
          role="searchbox"
          label={t('canned.search')}
          placeholder={t('canned.searchPlaceholder')}
          maw={360}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      </Stack>
      <CannedTable key={search.trim()} search={search} onEdit={setEditing} />
    </ListPage>
  );
}

function CannedTable({ search, onEdit }: { search: string; onEdit: (draft: CannedDraft) => void }) {
  const { t } = useTranslation();
  const pages = useCursorStack();
  const query = useCannedResponses(search, pages.cursor);
  const remove = useDeleteCannedResponse();

  const confirmDelete = (item: CannedResponseView) =>
    modals.openConfirmModal({
      title: t('canned.deleteTitle'),
      children: <Text size="sm">{t('canned.deleteBody', { title: item.title })}</Text>,
      labels: { confirm: t('canned.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(item.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('canned.deleted') }),
          onError: (error) => showErrorToast(t, error),
        }),
    });

  return (
    <QueryStates
      query={query}
      errorTitle={t('canned.loadError')}
      isEmpty={(page) => page.items.length === 0}
      empty={{ title: t('canned.empty'), body: search.trim() ? undefined : t('canned.emptyBody') }}
    >
      <DataTable
        caption={t('canned.title')}
        columns={COLUMNS.map((key) => t(key))}
        minWidth={680}
        busy={query.isPending}
        refreshing={query.isPlaceholderData}
      >
        {(query.data?.items ?? []).map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {item.title}
              </Text>
            </Table.Td>
            <Table.Td maw={420}>
              <Text size="sm" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-line' }}>
                {item.body}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={item.shared ? 'blue' : 'gray'} radius="sm">
                {item.shared ? t('canned.shared') : t('canned.own')}
              </Badge>
            </Table.Td>
            <Table.Td>
              {item.editable ? (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('canned.editLabel', { title: item.title })}
                    onClick={() =>
                      onEdit({ id: item.id, title: item.title, body: item.body, shared: item.shared })
                    }
                  >
                    {t('canned.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    aria-label={t('canned.deleteLabel', { title: item.title })}
                    onClick={() => confirmDelete(item)}
                  >
                    {t('canned.delete')}
                  </Button>
                </Group>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Pager label={t('canned.pagination')} pages={pages} query={query} />
    </QueryStates>
  );
}
