import { useTranslation } from 'react-i18next';
import { useAcceptInvitation } from '../../api/agents.hooks.js';
import { isApiError } from '../../api/client.js';
import { FooterLink } from './auth-fields.js';
import { SetPasswordPage } from './set-password.js';

const isUnknownInvitation = (error: unknown) => isApiError(error) && error.status === 404;

/** `/invitation#token=…`: an invited agent chooses a password and is signed in. */
export function InvitationPage() {
  const { t } = useTranslation();
  const accept = useAcceptInvitation();
  return (
    <SetPasswordPage
      title={t('invitation.title')}
      intro={t('invitation.intro')}
      footer={<FooterLink to="/sign-in">{t('join.backToSignIn')}</FooterLink>}
      submitLabel={t('invitation.submit')}
      mutation={accept}
      invalid={isUnknownInvitation}
      invalidMessage={t('invitation.invalid')}
      missingMessage={t('invitation.missingToken')}
    />
  );
}
