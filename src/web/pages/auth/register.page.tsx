import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useRegister } from '../../api/auth.hooks.js';
import { currentLanguage } from '../../i18n/index.js';
import { FooterLink, IdentityFields, PasswordFields } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { REGISTER_FIELDS, validateRegister } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { keepReturnState, useGoOnAfterSignIn } from './return-to.js';
import { useAuthForm } from './use-auth-form.js';

export function RegisterPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const goOn = useGoOnAfterSignIn();
  const register = useRegister();
  const form = useAuthForm(REGISTER_FIELDS, validateRegister);

  const submit = form.onSubmit((values) => {
    register.mutate(
      {
        fullName: values.fullName.trim(),
        email: values.email.trim(),
        password: values.password,
        passwordConfirmation: values.passwordConfirmation,
        // The language they are using now: the server writes to them in it.
        preferredLanguage: currentLanguage(),
      },
      { onSuccess: goOn, onError: form.fail },
    );
  });

  return (
    <AuthLayout
      title={t('auth.register.title')}
      intro={t('auth.register.intro')}
      footer={
        <FooterLink
          text={t('auth.register.haveAccount')}
          to="/sign-in"
          state={keepReturnState(location.state)}
        >
          {t('auth.register.signIn')}
        </FooterLink>
      }
    >
      <FormAlert error={form.alertError} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <IdentityFields field={form.field} />
          <PasswordFields field={form.field} />
          <Button type="submit" fullWidth loading={register.isPending} mt="xs">
            {t('auth.register.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
