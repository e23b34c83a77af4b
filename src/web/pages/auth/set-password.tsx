import { Alert, Button, Stack } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import type { UserView } from '../../../shared/contracts/auth.js';
import { PasswordFields } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { validateRegister, type Problems } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { useGoOnAfterSignIn } from './return-to.js';
import { useAuthForm } from './use-auth-form.js';

const FIELDS = ['password', 'passwordConfirmation'] as const;
type Field = (typeof FIELDS)[number];

/** Only the password rules of a registration apply to a new password. */
export const validateNewPassword = (values: Record<Field, string>): Problems<Field> => {
  const { password, passwordConfirmation } = validateRegister({ fullName: 'x', email: 'a@b.co', ...values });
  return { password, passwordConfirmation };
};

/** `token` from the address's fragment (`#token=…`): it never reaches the server's logs or Referer. */
export function useFragmentToken(): string {
  const { hash } = useLocation();
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export interface NewPasswordBody {
  token: string;
  password: string;
  passwordConfirmation: string;
}

/**
 * A page where an emailed or shared link (`…#token=…`) lets someone choose a password and be signed
 * in: the invitation of an agent, a password reset. `invalid(error)` tells the server's "this link is
 * no good" answer, shown with `invalidMessage` instead of the form's usual alert.
 */
export function SetPasswordPage({
  title,
  intro,
  footer,
  submitLabel,
  mutation,
  invalid,
  invalidMessage,
  missingMessage,
}: {
  title: string;
  intro: string;
  footer: ReactNode;
  submitLabel: string;
  mutation: UseMutationResult<UserView, unknown, NewPasswordBody>;
  invalid: (error: unknown) => boolean;
  invalidMessage: ReactNode;
  missingMessage: ReactNode;
}) {
  const goOn = useGoOnAfterSignIn();
  const token = useFragmentToken();
  const form = useAuthForm(FIELDS, validateNewPassword);

  const submit = form.onSubmit((values) => {
    mutation.mutate({ token, ...values }, { onSuccess: goOn, onError: form.fail });
  });

  const linkInvalid = form.alertError !== null && invalid(form.alertError);
  return (
    <AuthLayout title={title} intro={intro} footer={footer}>
      {!token || linkInvalid ? (
        <Alert color="red" variant="light" role="alert" mb="md">
          {linkInvalid ? invalidMessage : missingMessage}
        </Alert>
      ) : (
        <FormAlert error={form.alertError} />
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <PasswordFields field={form.field} />
          <Button type="submit" fullWidth loading={mutation.isPending} disabled={!token} mt="xs">
            {submitLabel}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
