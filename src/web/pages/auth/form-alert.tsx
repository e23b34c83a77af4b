import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../components/icons.js';
import { errorText } from '../../components/error-text.js';

/** The form-level error (wrong password, rate limited, server unreachable), announced to screen readers. */
export function FormAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" mb="md">
      {errorText(t, error)}
    </Alert>
  );
}
