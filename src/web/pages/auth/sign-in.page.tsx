import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSignIn } from '../../api/auth.hooks.js';
import { AuthLayout } from './auth-layout.js';
import { SIGN_IN_FIELDS, validateSignIn } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { destinationAfterSignIn, keepReturnState } from './return-to.js';
import { useAuthForm } from './use-auth-form.js';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const signIn = useSignIn();
  const form = useAuthForm(SIGN_IN_FIELDS, validateSignIn);
  const [alertError, setAlertError] = useState<unknown>(null);

  const submit = form.onSubmit((values) => {
    setAlertError(null);
    signIn.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (user) => {
          void navigate(destinationAfterSignIn(user, location.state), { replace: true });
        },
        onError: (error) => {
          if (!form.showServerErrors(error)) setAlertError(error);
        },
      },
    );
  });

  return (
    <AuthLayout
      title={t('auth.signIn.title')}
      intro={t('auth.signIn.intro')}
      footer={
        <>
          {t('auth.signIn.noAccount')}{' '}
          <Anchor component={Link} to="/register" state={keepReturnState(location.state)} fw={600}>
            {t('auth.signIn.createAccount')}
          </Anchor>
          <br />
          {t('auth.signIn.wantToHelp')}{' '}
          <Anchor component={Link} to="/join" fw={600}>
            {t('auth.signIn.askToJoin')}
          </Anchor>
        </>
      }
    >
      <FormAlert error={alertError} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            {...form.field('email')}
          />
          <PasswordInput
            label={t('auth.fields.password')}
            autoComplete="current-password"
            {...form.field('password')}
          />
          <Button type="submit" fullWidth loading={signIn.isPending} mt="xs">
            {t('auth.signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
