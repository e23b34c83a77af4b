import { Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryView } from '../../../shared/contracts/categories.js';
import { useCategories, useUpdateCategory } from '../../api/catalog.hooks.js';
import { DataTable } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { ListPage } from '../../components/list-page.js';
import { QueryStates } from '../../components/query-states.js';
import { NewCategory, RenameDialog } from './category-forms.js';

/** The table's column headings, as catalogue keys. */
const COLUMNS = ['categories.name', 'categories.autoAssign', 'categories.state', 'common.actions'] as const;

/** "Categories": create, rename, archive or restore, and switch automatic assignment on or off. */
export function AdminCategoriesPage() {
  const { t } = useTranslation();
  const categories = useCategories(true);
  const update = useUpdateCategory();
  const [renaming, setRenaming] = useState<CategoryView | null>(null);

  const change = (category: CategoryView, patch: { autoAssign?: boolean; archived?: boolean }) =>
    update.mutate(
      { id: category.id, ...patch },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('categories.saved') }),
        onError: (error) => showErrorToast(t, error),
      },
    );

  return (
    <ListPage
      title={t('categories.title')}
      description={t('categories.intro')}
      above={<NewCategory />}
      below={<RenameDialog category={renaming} onClose={() => setRenaming(null)} />}
    >
      <QueryStates
        query={categories}
        errorTitle={t('categories.loadError')}
        isEmpty={(list) => list.length === 0}
        empty={{ title: t('categories.empty'), body: t('categories.emptyBody') }}
      >
        <DataTable
          caption={t('categories.title')}
          columns={COLUMNS.map((key) => t(key))}
          minWidth={620}
          busy={categories.isPending}
        >
          {(categories.data ?? []).map((category) => (
            <Table.Tr key={category.id}>
              <Table.Td>
                <Text size="sm" fw={500} c={category.archived ? 'dimmed' : undefined}>
                  {category.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={category.autoAssign}
                  aria-label={t('categories.autoAssignFor', { name: category.name })}
                  disabled={update.isPending}
                  onChange={(event) => change(category, { autoAssign: event.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>
                <Badge color={category.archived ? 'gray' : 'green'} variant="light" radius="sm">
                  {category.archived ? t('categories.archived') : t('categories.active')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('categories.renameLabel', { name: category.name })}
                    onClick={() => setRenaming(category)}
                  >
                    {t('categories.rename')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color={category.archived ? 'green' : 'gray'}
                    disabled={update.isPending}
                    aria-label={t(category.archived ? 'categories.restoreLabel' : 'categories.archiveLabel', {
                      name: category.name,
                    })}
                    onClick={() => change(category, { archived: !category.archived })}
                  >
                    {category.archived ? t('categories.restore') : t('categories.archive')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryStates>
    </ListPage>
  );
}
