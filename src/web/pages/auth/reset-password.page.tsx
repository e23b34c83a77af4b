import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useResetPassword } from '../../api/account.hooks.js';
import { isApiError } from '../../api/client.js';
import { FooterLink } from './auth-fields.js';
import { SetPasswordPage } from './set-password.js';

/** The server's answer to a token it does not know, has used, or has let expire: 400 on the field `token`. */
const isBadToken = (error: unknown) =>
  isApiError(error) && error.status === 400 && 'token' in error.fieldErrors;

/** `/reset-password#token=…`, from the emailed link: choose a new password and be signed in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const requestNew = (
    <Anchor component={Link} to="/forgot-password" fw={600} c="inherit" underline="always">
      {t('resetPassword.requestNew')}
    </Anchor>
  );
  return (
    <SetPasswordPage
      title={t('resetPassword.title')}
      intro={t('resetPassword.intro')}
      footer={<FooterLink to="/sign-in">{t('join.backToSignIn')}</FooterLink>}
      submitLabel={t('resetPassword.submit')}
      mutation={reset}
      invalid={isBadToken}
      invalidMessage={
        <>
          {t('resetPassword.invalid')} {requestNew}
        </>
      }
      missingMessage={
        <>
          {t('resetPassword.missingToken')} {requestNew}
        </>
      }
    />
  );
}
