import { Anchor, Button, Switch, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SavedFilterView } from '../../../shared/contracts/saved-filters.js';
import {
  useDeleteSavedFilter,
  useSavedFilters,
  useUpdateSavedFilter,
} from '../../api/saved-filters.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { savedFilterHref } from '../../app/shell/pinned-filters.js';
import { DataTable } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { QueryStates } from '../../components/query-states.js';

const COLUMNS = [
  'savedFilters.name',
  'savedFilters.filters',
  'savedFilters.pinned',
  'common.actions',
] as const;

/** "Saved filters": open, pin or unpin, and delete one's saved ticket-list filters. */
export function SavedFiltersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const filters = useSavedFilters();
  const update = useUpdateSavedFilter();
  const remove = useDeleteSavedFilter();
  const onError = (error: unknown) => showErrorToast(t, error);

  const confirmDelete = (filter: SavedFilterView) =>
    modals.openConfirmModal({
      title: t('savedFilters.deleteTitle'),
      children: <Text size="sm">{t('savedFilters.deleteBody', { name: filter.name })}</Text>,
      labels: { confirm: t('savedFilters.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(filter.id, { onError }),
    });

  return (
    <ListPage title={t('savedFilters.title')} description={t('savedFilters.intro')}>
      <QueryStates
        query={filters}
        errorTitle={t('savedFilters.loadError')}
        isEmpty={(list) => list.items.length === 0}
        empty={{ title: t('savedFilters.empty'), body: t('savedFilters.emptyBody') }}
      >
        <DataTable
          caption={t('savedFilters.title')}
          columns={COLUMNS.map((key) => t(key))}
          minWidth={560}
          busy={filters.isPending}
        >
          {(filters.data?.items ?? []).map((filter) => (
            <Table.Tr key={filter.id}>
              <Table.Td>
                <Anchor component={Link} to={savedFilterHref(user.role, filter.filters)} size="sm" fw={500}>
                  {filter.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {Object.entries(filter.filters)
                    .map(([name, value]) => `${name}=${String(value)}`)
                    .join(', ') || t('savedFilters.noFilters')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={filter.pinned}
                  aria-label={t('savedFilters.pinLabel', { name: filter.name })}
                  disabled={update.isPending}
                  onChange={(event) =>
                    update.mutate({ id: filter.id, pinned: event.currentTarget.checked }, { onError })
                  }
                />
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  aria-label={t('savedFilters.deleteLabel', { name: filter.name })}
                  onClick={() => confirmDelete(filter)}
                >
                  {t('savedFilters.delete')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryStates>
    </ListPage>
  );
}
