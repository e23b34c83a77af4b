import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../shared/contracts/auth.js';
import { HOME_PATH } from '../../../shared/roles.js';
import { LockIcon } from '../../components/icons.js';
import { StatusMessage } from './status-message.js';

/** Shown inside the user's own shell when they open a page of another role; no data of that page loads. */
export function ForbiddenPage({ user }: { user: UserView }) {
  const { t } = useTranslation();
  return (
    <StatusMessage
      icon={<LockIcon size={28} />}
      title={t('forbidden.title')}
      body={t('forbidden.body', { name: user.fullName, role: t(`roles.${user.role}`) })}
      action={{ to: HOME_PATH[user.role], label: t('forbidden.home') }}
    />
  );
}
