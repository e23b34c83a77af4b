import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EMAIL_PATTERN } from '../../../shared/contracts/auth.js';
import { RESET_LINK_MINUTES } from '../../../shared/contracts/account.js';
import { useForgotPassword } from '../../api/account.hooks.js';
import { isApiError } from '../../api/client.js';
import { AlertIcon } from '../../components/icons.js';
import { FooterLink } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import type { Problems } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { useAuthForm } from './use-auth-form.js';

const FIELDS = ['email'] as const;
const EMAIL = new RegExp(EMAIL_PATTERN);

const validate = ({ email }: { email: string }): Problems<'email'> => {
  if (!email.trim()) return { email: { key: 'emailRequired' } };
  if (!EMAIL.test(email.trim()) || email.trim().length > 254) return { email: { key: 'emailInvalid' } };
  return {};
};

/**
 * `/forgot-password`: asks for a reset link by email. The answer is the same whether or not the
 * address has an account, so the page cannot be used to find out who has one.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const forgot = useForgotPassword();
  const form = useAuthForm(FIELDS, validate);

  const submit = form.onSubmit((values) => {
    forgot.mutate({ email: values.email.trim() }, { onError: form.fail });
  });

  const error = form.alertError;
  const rateLimited = isApiError(error) && error.code === 'RATE_LIMITED' ? error : null;
  return (
    <AuthLayout
      title={t('forgotPassword.title')}
      intro={t('forgotPassword.intro')}
      footer={<FooterLink to="/sign-in">{t('join.backToSignIn')}</FooterLink>}
    >
      {forgot.isSuccess ? (
        <Alert color="green" variant="light" role="status">
          {t('forgotPassword.sent', { count: RESET_LINK_MINUTES })}
        </Alert>
      ) : (
        <>
          {rateLimited ? (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" mb="md">
              {rateLimited.retryAfter === null
                ? t('forgotPassword.rateLimited')
                : rateLimited.retryAfter < 60
                  ? t('forgotPassword.waitSeconds', { count: Math.max(1, rateLimited.retryAfter) })
                  : t('forgotPassword.waitMinutes', { count: Math.ceil(rateLimited.retryAfter / 60) })}
            </Alert>
          ) : (
            <FormAlert error={error} />
          )}
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput
                label={t('auth.fields.email')}
                type="email"
                autoComplete="email"
                inputMode="email"
                {...form.field('email')}
              />
              <Button type="submit" fullWidth loading={forgot.isPending} mt="xs">
                {t('forgotPassword.submit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
    </AuthLayout>
  );
}
