import { Avatar, Card, Group, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../shared/contracts/auth.js';
import { useFormat } from '../i18n/format.js';
import classes from './account-card.module.css';
import { RoleBadge } from './role-badge.js';

/** The signed-in person's own account: name, email, role and since when. */
export function AccountCard({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Group gap="sm" mb="md" wrap="nowrap">
        <Avatar name={user.fullName} color="initials" radius="xl" aria-hidden />
        <Title order={2} size="h4" id={titleId}>
          {t('account.title')}
        </Title>
      </Group>
      <dl className={classes.list}>
        <dt className={classes.term}>{t('account.name')}</dt>
        <dd className={classes.value}>{user.fullName}</dd>
        <dt className={classes.term}>{t('account.email')}</dt>
        <dd className={classes.value}>{user.email}</dd>
        <dt className={classes.term}>{t('account.role')}</dt>
        <dd className={classes.value}>
          <RoleBadge role={user.role} />
        </dd>
        <dt className={classes.term}>{t('account.memberSince')}</dt>
        <dd className={classes.value}>
          <time dateTime={user.createdAt}>{format.date(user.createdAt)}</time>
        </dd>
      </dl>
    </Card>
  );
}
