import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { HOME_PATH } from '../../../shared/roles.js';
import { useSession } from '../../api/auth.hooks.js';
import { isApiError } from '../../api/client.js';
import { useConfirmEmail } from '../../api/email-confirmation.hooks.js';
import { errorText } from '../../components/error-text.js';
import { FooterLink } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { useFragmentToken } from './set-password.js';

/** `/confirm-email#token=…`, from the link in the confirmation email; works signed in or not. */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const confirm = useConfirmEmail();
  const session = useSession();
  const sent = useRef(false);

  const { mutate } = confirm;
  useEffect(() => {
    // Once per page load (React's development double effects included).
    if (!token || sent.current) return;
    sent.current = true;
    mutate({ token });
  }, [token, mutate]);

  const user = session.data;
  const next = user ? (
    <FooterLink to={user.role === 'customer' ? '/customer/tickets' : HOME_PATH[user.role]}>
      {t('confirmEmail.openTickets')}
    </FooterLink>
  ) : (
    <FooterLink to="/sign-in">{t('confirmEmail.signIn')}</FooterLink>
  );
  const badLink = !token || (isApiError(confirm.error) && confirm.error.status === 400);
  return (
    <AuthLayout title={t('confirmEmail.title')} intro={t('confirmEmail.intro')} footer={next}>
      {confirm.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          <Text size="sm">{t('confirmEmail.done')}</Text>
        </Alert>
      ) : badLink ? (
        <Alert color="red" variant="light" role="alert">
          {t('confirmEmail.invalid')}
        </Alert>
      ) : confirm.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorText(t, confirm.error)}
        </Alert>
      ) : (
        <Stack align="center" py="md" role="status" aria-live="polite">
          <Loader size="sm" aria-hidden />
          <Text size="sm">{t('confirmEmail.working')}</Text>
        </Stack>
      )}
    </AuthLayout>
  );
}
