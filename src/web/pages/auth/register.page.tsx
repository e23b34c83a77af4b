import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../shared/contracts/auth.js';
import { useRegister } from '../../api/auth.hooks.js';
import { currentLanguage } from '../../i18n/index.js';
import { AuthLayout } from './auth-layout.js';
import { REGISTER_FIELDS, validateRegister } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { destinationAfterSignIn, keepReturnState } from './return-to.js';
import { useAuthForm } from './use-auth-form.js';

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const register = useRegister();
  const form = useAuthForm(REGISTER_FIELDS, validateRegister);
  const [alertError, setAlertError] = useState<unknown>(null);

  const submit = form.onSubmit((values) => {
    setAlertError(null);
    register.mutate(
      {
        fullName: values.fullName.trim(),
        email: values.email.trim(),
        password: values.password,
        passwordConfirmation: values.passwordConfirmation,
        // The language they are using now: the server writes to them in it.
        preferredLanguage: currentLanguage(),
      },
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
      title={t('auth.register.title')}
      intro={t('auth.register.intro')}
      footer={
        <>
          {t('auth.register.haveAccount')}{' '}
          <Anchor component={Link} to="/sign-in" state={keepReturnState(location.state)} fw={600}>
            {t('auth.register.signIn')}
          </Anchor>
        </>
      }
    >
      <FormAlert error={alertError} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t('auth.fields.fullName')} autoComplete="name" {...form.field('fullName')} />
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            inputMode="email"
            {...form.field('email')}
          />
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
          <Button type="submit" fullWidth loading={register.isPending} mt="xs">
            {t('auth.register.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
