import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../shared/contracts/auth.js';
import { useAcceptInvitation } from '../../api/agents.hooks.js';
import { isApiError } from '../../api/client.js';
import { HOME_PATH } from '../../../shared/roles.js';
import { AuthLayout } from './auth-layout.js';
import { validateRegister, type Problems } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { useAuthForm } from './use-auth-form.js';

const FIELDS = ['password', 'passwordConfirmation'] as const;
type Field = (typeof FIELDS)[number];

/** Only the password rules of a registration apply here. */
const validate = (values: Record<Field, string>): Problems<Field> => {
  const { password, passwordConfirmation } = validateRegister({ fullName: 'x', email: 'a@b.co', ...values });
  return { password, passwordConfirmation };
};

/** `/invitation#token=…`: an invited agent chooses a password and is signed in. */
export function InvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const accept = useAcceptInvitation();
  const form = useAuthForm(FIELDS, validate);
  const [alertError, setAlertError] = useState<unknown>(null);

  const submit = form.onSubmit((values) => {
    setAlertError(null);
    accept.mutate(
      { token, ...values },
      {
        onSuccess: (user) => {
          void navigate(HOME_PATH[user.role], { replace: true });
        },
        onError: (error) => {
          if (!form.showServerErrors(error)) setAlertError(error);
        },
      },
    );
  });

  const invalid = isApiError(alertError) && alertError.status === 404;
  return (
    <AuthLayout
      title={t('invitation.title')}
      intro={t('invitation.intro')}
      footer={
        <Anchor component={Link} to="/sign-in" fw={600}>
          {t('join.backToSignIn')}
        </Anchor>
      }
    >
      {!token ? (
        <Alert color="red" variant="light" role="alert" mb="md">
          {t('invitation.missingToken')}
        </Alert>
      ) : invalid ? (
        <Alert color="red" variant="light" role="alert" mb="md">
          {t('invitation.invalid')}
        </Alert>
      ) : (
        <FormAlert error={alertError} />
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <PasswordInput
            label={t('auth.fields.password')}
            description={t('auth.fields.passwordHint', { count: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            {...form.field('password')}
          />
          <PasswordInput
            label={t('auth.fields.confirmPassword')}
            autoComplete="new-password"
            {...form.field('passwordConfirmation')}
          />
          <Button type="submit" fullWidth loading={accept.isPending} disabled={!token} mt="xs">
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
