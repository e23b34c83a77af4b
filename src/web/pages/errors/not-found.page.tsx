import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../shared/contracts/auth.js';
import { HOME_PATH } from '../../../shared/roles.js';
import { CompassIcon } from '../../components/icons.js';
import { StatusMessage } from './status-message.js';

export function NotFoundPage({ user }: { user: UserView | null }) {
  const { t } = useTranslation();
  return (
    <StatusMessage
      icon={<CompassIcon size={28} />}
      title={t('notFound.title')}
      body={t('notFound.body')}
      action={
        user
          ? { to: HOME_PATH[user.role], label: t('notFound.home') }
          : { to: '/sign-in', label: t('notFound.signIn') }
      }
    />
  );
}
