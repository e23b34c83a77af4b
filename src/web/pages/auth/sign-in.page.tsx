import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSignIn } from '../../api/auth.hooks.js';
import { FooterLink } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { SIGN_IN_FIELDS, validateSignIn } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { keepReturnState, useGoOnAfterSignIn } from './return-to.js';
import { useAuthForm } from './use-auth-form.js';

export function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const goOn = useGoOnAfterSignIn();
  const signIn = useSignIn();
  const form = useAuthForm(SIGN_IN_FIELDS, validateSignIn);

  const submit = form.onSubmit((values) => {
    signIn.mutate(
      { email: values.email.trim(), password: values.password },
      { onSuccess: goOn, onError: form.fail },
    );
  });

  return (
    <AuthLayout
      title={t('auth.signIn.title')}
      intro={t('auth.signIn.intro')}
      footer={
        <>
          <FooterLink
            text={t('auth.signIn.noAccount')}
            to="/register"
            state={keepReturnState(location.state)}
          >
            {t('auth.signIn.createAccount')}
          </FooterLink>
          <br />
          <FooterLink text={t('auth.signIn.wantToHelp')} to="/join">
            {t('auth.signIn.askToJoin')}
          </FooterLink>
        </>
      }
    >
      <FormAlert error={form.alertError} />
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
          <Anchor component={Link} to="/forgot-password" size="sm" mt={-8} w="fit-content">
            {t('auth.signIn.forgotPassword')}
          </Anchor>
          <Button type="submit" fullWidth loading={signIn.isPending} mt="xs">
            {t('auth.signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
