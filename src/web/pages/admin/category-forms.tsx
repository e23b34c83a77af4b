import { Button, Card, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CategoryView } from '../../../shared/contracts/categories.js';
import { useCreateCategory, useUpdateCategory } from '../../api/catalog.hooks.js';
import { isApiError } from '../../api/client.js';
import { errorText } from '../../components/error-text.js';

const NAME_MAX = 80;
const isTaken = (error: unknown) => isApiError(error) && error.status === 409;

/**
 * A category name field: its value, the problem shown under it after the first submit (required,
 * too long, or the server's 409 for a taken name), and `check()` to run before sending.
 */
function useCategoryName(initial: string, mutation: { error: unknown; reset: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const problemOf = (error: unknown): string | undefined => {
    if (!name.trim()) return t('categories.nameRequired');
    if (name.length > NAME_MAX) return t('validation.tooLong', { count: NAME_MAX });
    if (isTaken(error)) return t('categories.nameTaken');
    return undefined;
  };
  return {
    name: name.trim(),
    input: {
      value: name,
      error: submitted ? problemOf(mutation.error) : undefined,
      maxLength: NAME_MAX,
      onChange: (event: ChangeEvent<HTMLInputElement>) => {
        setName(event.currentTarget.value);
        mutation.reset();
      },
    },
    /** Marks the form submitted; true when the name may be sent. */
    check: () => {
      setSubmitted(true);
      mutation.reset();
      return problemOf(null) === undefined;
    },
    clear: () => {
      setName('');
      setSubmitted(false);
    },
  };
}

/** "New category": a name and whether its tickets are assigned automatically. */
export function NewCategory() {
  const { t } = useTranslation();
  const create = useCreateCategory();
  const name = useCategoryName('', create);
  const [autoAssign, setAutoAssign] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.check()) return;
    create.mutate(
      { name: name.name, autoAssign },
      {
        onSuccess: (category) => {
          notifications.show({ color: 'green', message: t('categories.created', { name: category.name }) });
          name.clear();
          setAutoAssign(false);
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput label={t('categories.newName')} {...name.input} style={{ flex: '1 1 220px' }} />
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
        {create.isError && !isTaken(create.error) ? (
          <Text c="red" size="sm" mt="xs" role="alert">
            {errorText(t, create.error)}
          </Text>
        ) : null}
      </form>
    </Card>
  );
}

/** "Rename category": a dialog with the name. */
export function RenameDialog({ category, onClose }: { category: CategoryView | null; onClose: () => void }) {
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
  const name = useCategoryName(category.name, update);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.check()) return;
        update.mutate(
          { id: category.id, name: name.name },
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
        <TextInput label={t('categories.name')} {...name.input} data-autofocus />
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
