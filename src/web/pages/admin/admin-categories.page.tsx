import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryView } from '../../../shared/contracts/categories.js';
import { useCategories, useCreateCategory, useUpdateCategory } from '../../api/catalog.hooks.js';
import { isApiError } from '../../api/client.js';
import { EmptyState } from '../../components/empty-state.js';
import { errorText } from '../../components/error-text.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';

const NAME_MAX = 80;

/** A category name's problem, translated; a taken name is the server's 409. */
function useNameProblem() {
  const { t } = useTranslation();
  return (name: string, error: unknown): string | undefined => {
    if (!name.trim()) return t('categories.nameRequired');
    if (name.length > NAME_MAX) return t('validation.tooLong', { count: NAME_MAX });
    if (isApiError(error) && error.status === 409) return t('categories.nameTaken');
    return undefined;
  };
}

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
        onError: (error) =>
          notifications.show({ color: 'red', title: t('errors.title'), message: errorText(t, error) }),
      },
    );

  return (
    <Stack gap="lg">
      <PageHeader title={t('categories.title')} description={t('categories.intro')} />
      <NewCategory />
      <Card withBorder padding={0}>
        {categories.isError ? (
          <Stack p="lg">
            <QueryErrorAlert
              title={t('categories.loadError')}
              error={categories.error}
              onRetry={() => void categories.refetch()}
            />
          </Stack>
        ) : categories.data?.length === 0 ? (
          <EmptyState title={t('categories.empty')}>{t('categories.emptyBody')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={620}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-busy={categories.isPending}>
              <VisuallyHidden component="caption">{t('categories.title')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('categories.name')}</Table.Th>
                  <Table.Th scope="col">{t('categories.autoAssign')}</Table.Th>
                  <Table.Th scope="col">{t('categories.state')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
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
                          aria-label={t(
                            category.archived ? 'categories.restoreLabel' : 'categories.archiveLabel',
                            {
                              name: category.name,
                            },
                          )}
                          onClick={() => change(category, { archived: !category.archived })}
                        >
                          {category.archived ? t('categories.restore') : t('categories.archive')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <RenameDialog category={renaming} onClose={() => setRenaming(null)} />
    </Stack>
  );
}

function NewCategory() {
  const { t } = useTranslation();
  const create = useCreateCategory();
  const nameProblem = useNameProblem();
  const [name, setName] = useState('');
  const [autoAssign, setAutoAssign] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const problem = submitted ? nameProblem(name, create.error) : undefined;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    create.reset();
    if (nameProblem(name, null)) return;
    create.mutate(
      { name: name.trim(), autoAssign },
      {
        onSuccess: (category) => {
          notifications.show({ color: 'green', message: t('categories.created', { name: category.name }) });
          setName('');
          setAutoAssign(false);
          setSubmitted(false);
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            label={t('categories.newName')}
            value={name}
            error={problem}
            maxLength={NAME_MAX}
            onChange={(event) => {
              setName(event.currentTarget.value);
              create.reset();
            }}
            style={{ flex: '1 1 220px' }}
          />
          <Checkbox
            label={t('categories.autoAssign')}
            description={t('categories.autoAssignHint')}
            checked={autoAssign}
            onChange={(event) => setAutoAssign(event.currentTarget.checked)}
            mt={{ base: 0, sm: 30 }}
            style={{ flex: '1 1 260px' }}
          />
          <Button type="submit" loading={create.isPending} mt={{ base: 0, sm: 25 }}>
            {t('categories.add')}
          </Button>
        </Group>
        {create.isError && !(isApiError(create.error) && create.error.status === 409) ? (
          <Text c="red" size="sm" mt="xs" role="alert">
            {errorText(t, create.error)}
          </Text>
        ) : null}
      </form>
    </Card>
  );
}

function RenameDialog({ category, onClose }: { category: CategoryView | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={category !== null} onClose={onClose} title={t('categories.renameTitle')}>
      {category ? <RenameForm key={category.id} category={category} onClose={onClose} /> : null}
    </Modal>
  );
}

function RenameForm({ category, onClose }: { category: CategoryView; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCategory();
  const nameProblem = useNameProblem();
  const [name, setName] = useState(category.name);
  const [submitted, setSubmitted] = useState(false);
  const problem = submitted ? nameProblem(name, update.error) : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (nameProblem(name, null)) return;
        update.mutate(
          { id: category.id, name: name.trim() },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('categories.saved') });
              onClose();
            },
          },
        );
      }}
    >
      <Stack gap="md">
        <TextInput
          label={t('categories.name')}
          value={name}
          error={problem}
          maxLength={NAME_MAX}
          data-autofocus
          onChange={(event) => {
            setName(event.currentTarget.value);
            update.reset();
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
