import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SAVED_FILTER_NAME_MAX,
  SAVED_FILTER_PARAMS,
  type SavedFilterParams,
} from '../../../shared/contracts/saved-filters.js';
import { isApiError } from '../../api/client.js';
import { useCreateSavedFilter } from '../../api/saved-filters.hooks.js';
import { errorText } from '../error-text.js';

/** The list parameters of an address worth saving (paging and unknown ones are left out). */
export function savedParamsOf(search: URLSearchParams): SavedFilterParams {
  const params: SavedFilterParams = {};
  for (const name of SAVED_FILTER_PARAMS) {
    const value = search.get(name);
    if (value) params[name] = value.slice(0, 100);
  }
  return params;
}

/** "Save filter": names the list's current filters (and pins them to the navigation if asked). */
export function SaveFilterButton({ search }: { search: URLSearchParams }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [pinned, setPinned] = useState(true);
  const [problem, setProblem] = useState<string | undefined>();
  const create = useCreateSavedFilter();

  const close = () => {
    setOpen(false);
    setName('');
    setProblem(undefined);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/\S/.test(name)) {
      setProblem(t('savedFilters.nameRequired'));
      return;
    }
    create.mutate(
      { name: name.trim(), filters: savedParamsOf(search), pinned },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('savedFilters.saved', { name: saved.name }) });
          close();
        },
        onError: (error) =>
          setProblem(
            isApiError(error) && error.code === 'CONFLICT'
              ? t('savedFilters.tooMany')
              : ((isApiError(error) ? error.fieldErrors.name : undefined) ?? errorText(t, error)),
          ),
      },
    );
  };

  return (
    <>
      <Button variant="default" size="sm" onClick={() => setOpen(true)}>
        {t('savedFilters.save')}
      </Button>
      <Modal opened={open} onClose={close} title={t('savedFilters.saveTitle')}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label={t('savedFilters.name')}
              placeholder={t('savedFilters.namePlaceholder')}
              required
              data-autofocus
              maxLength={SAVED_FILTER_NAME_MAX}
              value={name}
              error={problem}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setProblem(undefined);
              }}
            />
            <Checkbox
              label={t('savedFilters.pin')}
              checked={pinned}
              onChange={(event) => setPinned(event.currentTarget.checked)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('savedFilters.saveConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
