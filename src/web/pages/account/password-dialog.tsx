import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { FormAlert } from '../auth/form-alert.js';

/**
 * A consequential change that asks for the password again (turning the authenticator off, new
 * recovery codes). `send` calls back with the error of a failed request; a wrong password shows
 * under the field, anything else above the form.
 */
export function PasswordDialog({
  opened,
  title,
  body,
  confirmLabel,
  danger = false,
  pending,
  onClose,
  send,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  onClose: () => void;
  send: (password: string, onError: (error: unknown) => void) => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [alertError, setAlertError] = useState<unknown>(null);

  const close = () => {
    setPassword('');
    setProblem(null);
    setAlertError(null);
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAlertError(null);
    if (!password) return setProblem(t('validation.passwordRequired'));
    setProblem(null);
    send(password, (error) => {
      if (isApiError(error) && error.fieldErrors.password !== undefined) {
        setProblem(t('authenticator.wrongPassword'));
      } else setAlertError(error);
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={title}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert error={alertError} />
          <Text size="sm">{body}</Text>
          <PasswordInput
            label={t('auth.fields.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setProblem(null);
            }}
            error={problem ?? undefined}
            aria-invalid={problem ? true : undefined}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
