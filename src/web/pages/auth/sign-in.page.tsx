import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInVerification } from '../../../shared/contracts/auth.js';
import { Link, useLocation } from 'react-router';
import { useSignIn } from '../../api/auth.hooks.js';
import { FooterLink } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { SIGN_IN_FIELDS, validateSignIn } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { keepReturnState, useGoOnAfterSignIn } from './return-to.js';
import { SignInCodeStep } from './sign-in-code-step.js';
import { useAuthForm } from './use-auth-form.js';

export function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const goOn = useGoOnAfterSignIn();
  const signIn = useSignIn();
  const form = useAuthForm(SIGN_IN_FIELDS, validateSignIn);
  // After a right password from an unverified browser: the code step, until it signs in or gives up.
  const [verification, setVerification] = useState<SignInVerification['verification'] | null>(null);
  const [expired, setExpired] = useState(false);

  const submit = form.onSubmit((values) => {
    setExpired(false);
    signIn.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (answer) => {
          if ('user' in answer) goOn(answer.user);
          else setVerification(answer.verification);
        },
        onError: form.fail,
      },
    );
  });

  if (verification) {
    return (
      <SignInCodeStep
        method={verification.method}
        onSignedIn={(session) => goOn(session.user)}
        onExpired={() => {
          setVerification(null);
          setExpired(true);
        }}
        onStartAgain={() => setVerification(null)}
      />
    );
  }

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
      {expired && !form.alertError ? (
        <Alert color="orange" variant="light" role="alert" mb="md">
          {t('twoStep.expired')}
        </Alert>
      ) : null}
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
