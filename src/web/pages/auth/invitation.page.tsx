import { Alert, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useAcceptInvitation } from '../../api/agents.hooks.js';
import { isApiError } from '../../api/client.js';
import { FooterLink, PasswordFields } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { validateRegister, type Problems } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { useGoOnAfterSignIn } from './return-to.js';
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
  const goOn = useGoOnAfterSignIn();
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const accept = useAcceptInvitation();
  const form = useAuthForm(FIELDS, validate);

  const submit = form.onSubmit((values) => {
    accept.mutate({ token, ...values }, { onSuccess: goOn, onError: form.fail });
  });

  const invalid = isApiError(form.alertError) && form.alertError.status === 404;
  return (
    <AuthLayout
      title={t('invitation.title')}
      intro={t('invitation.intro')}
      footer={<FooterLink to="/sign-in">{t('join.backToSignIn')}</FooterLink>}
    >
      {!token || invalid ? (
        <Alert color="red" variant="light" role="alert" mb="md">
          {invalid ? t('invitation.invalid') : t('invitation.missingToken')}
        </Alert>
      ) : (
        <FormAlert error={form.alertError} />
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <PasswordFields field={form.field} />
          <Button type="submit" fullWidth loading={accept.isPending} disabled={!token} mt="xs">
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
