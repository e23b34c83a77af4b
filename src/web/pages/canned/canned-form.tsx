import { Button, Checkbox, Code, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CANNED_PLACEHOLDERS } from '../../../shared/canned-placeholders.js';
import {
  CANNED_BODY_MAX,
  CANNED_TITLE_MAX,
  type CannedResponseView,
} from '../../../shared/contracts/canned-responses.js';
import { isApiError } from '../../api/client.js';
import { useSaveCannedResponse } from '../../api/canned-responses.hooks.js';
import { errorText } from '../../components/error-text.js';

/** What the dialog edits: a new response (`null` id) or an existing one. */
export type CannedDraft = Pick<CannedResponseView, 'title' | 'body' | 'shared'> & { id: string | null };

export const EMPTY_DRAFT: CannedDraft = { id: null, title: '', body: '', shared: false };

/** Create or edit a canned response; admins may share a new one with the team. */
export function CannedFormDialog({
  draft,
  canShare,
  onClose,
}: {
  draft: CannedDraft | null;
  canShare: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCannedResponse();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const [errors, setErrors] = useState<{ title?: string; body?: string; form?: string }>({});

  useEffect(() => {
    setTitle(draft?.title ?? '');
    setBody(draft?.body ?? '');
    setShared(draft?.shared ?? false);
    setErrors({});
  }, [draft]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = {
      ...(/\S/.test(title) ? {} : { title: t('canned.titleRequired') }),
      ...(/\S/.test(body) ? {} : { body: t('canned.bodyRequired') }),
    };
    setErrors(problems);
    if (problems.title || problems.body || !draft) return;
    save.mutate(
      { ...(draft.id ? { id: draft.id } : {}), title, body, ...(canShare && !draft.id ? { shared } : {}) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('canned.saved') });
          onClose();
        },
        onError: (error) =>
          setErrors(
            isApiError(error) && Object.keys(error.fieldErrors).length > 0
              ? { title: error.fieldErrors.title, body: error.fieldErrors.body }
              : { form: errorText(t, error) },
          ),
      },
    );
  };

  return (
    <Modal
      opened={draft !== null}
      onClose={onClose}
      size="lg"
      title={draft?.id ? t('canned.editTitle') : t('canned.newTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('canned.titleLabel')}
            required
            data-autofocus
            maxLength={CANNED_TITLE_MAX}
            value={title}
            error={errors.title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <Textarea
            label={t('canned.bodyLabel')}
            required
            autosize
            minRows={5}
            maxRows={14}
            maxLength={CANNED_BODY_MAX}
            value={body}
            error={errors.body}
            onChange={(event) => setBody(event.currentTarget.value)}
          />
          <Stack gap={4}>
            <Text size="sm">{t('canned.placeholdersHint')}</Text>
            <Group gap={6} wrap="wrap">
              {CANNED_PLACEHOLDERS.map((name) => (
                <Code key={name}>{`{{${name}}}`}</Code>
              ))}
            </Group>
          </Stack>
          {canShare && !draft?.id ? (
            <Checkbox
              label={t('canned.shareLabel')}
              checked={shared}
              onChange={(event) => setShared(event.currentTarget.checked)}
            />
          ) : null}
          {errors.form ? (
            <Text size="sm" c="red" role="alert">
              {errors.form}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('canned.saveButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
