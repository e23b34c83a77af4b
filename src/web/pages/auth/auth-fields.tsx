import { Anchor, PasswordInput, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../shared/contracts/auth.js';
import type { AuthFieldProps } from './use-auth-form.js';

/** A form's `field` function from useAuthForm, for the fields a block needs. */
type FieldsOf<F extends string> = (name: F) => AuthFieldProps<string>;

/** "Full name" and "Email" for a new account. */
export function IdentityFields({ field }: { field: FieldsOf<'fullName' | 'email'> }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('auth.fields.fullName')} autoComplete="name" {...field('fullName')} />
      <TextInput
        label={t('auth.fields.email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        {...field('email')}
      />
    </>
  );
}

/** "Password" (with the length rule) and "Confirm password" for a new password. */
export function PasswordFields({ field }: { field: FieldsOf<'password' | 'passwordConfirmation'> }) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('auth.fields.password')}
        description={t('auth.fields.passwordHint', { count: PASSWORD_MIN_LENGTH })}
        autoComplete="new-password"
        {...field('password')}
      />
      <PasswordInput
        label={t('auth.fields.confirmPassword')}
        autoComplete="new-password"
        {...field('passwordConfirmation')}
      />
    </>
  );
}

/** A footer line: a question, then a link ("Already have an account? Sign in"). */
export function FooterLink({
  text,
  to,
  state,
  children,
}: {
  text?: string;
  to: string;
  state?: unknown;
  children: ReactNode;
}) {
  return (
    <>
      {text ? `${text} ` : null}
      <Anchor component={Link} to={to} state={state} fw={600}>
        {children}
      </Anchor>
    </>
  );
}
