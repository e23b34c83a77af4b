import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnsubscribe } from '../../api/account.hooks.js';
import { isApiError } from '../../api/client.js';
import { errorText } from '../../components/error-text.js';
import { FooterLink } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { useFragmentToken } from './set-password.js';

/**
 * `/unsubscribe#token=…`, from the link in an email: turns off emails about the reader's tickets at
 * once, without signing in.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const unsubscribe = useUnsubscribe();
  const sent = useRef(false);

  const { mutate } = unsubscribe;
  useEffect(() => {
    // Once per page load (React's development double effects included).
    if (!token || sent.current) return;
    sent.current = true;
    mutate({ token });
  }, [token, mutate]);

  const badLink = !token || (isApiError(unsubscribe.error) && unsubscribe.error.status === 400);
  return (
    <AuthLayout
      title={t('unsubscribe.title')}
      intro={t('unsubscribe.intro')}
      footer={<FooterLink to="/sign-in">{t('unsubscribe.signIn')}</FooterLink>}
    >
      {unsubscribe.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          <Stack gap={4}>
            <Text size="sm">{t('unsubscribe.done')}</Text>
            <Anchor component={Link} to="/account/notifications" size="sm" fw={600}>
              {t('unsubscribe.manage')}
            </Anchor>
          </Stack>
        </Alert>
      ) : badLink ? (
        <Alert color="red" variant="light" role="alert">
          {t('unsubscribe.invalid')}
        </Alert>
      ) : unsubscribe.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorText(t, unsubscribe.error)}
        </Alert>
      ) : (
        <Stack align="center" py="md" role="status" aria-live="polite">
          <Loader size="sm" aria-hidden />
          <Text size="sm">{t('unsubscribe.working')}</Text>
        </Stack>
      )}
    </AuthLayout>
  );
}
