import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { UserView } from '../../../shared/contracts/auth.js';
import { useSignOut } from '../../api/auth.hooks.js';
import { errorText } from '../../components/error-text.js';
import { BellIcon, ChevronDownIcon, DevicesIcon, ShieldIcon, SignOutIcon } from '../../components/icons.js';
import { RoleBadge } from '../../components/role-badge.js';
import responsive from '../../components/responsive.module.css';
import classes from './shell.module.css';

/**
 * The header button named after the user. Its menu shows their email and role, links to their
 * sessions (and, for customers, email notifications) and offers "Sign out" (a menu item: arrow keys, Enter and Escape work as in any menu).
 */
export function UserMenu({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();

  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSuccess: () => {
        void navigate('/sign-in', { replace: true });
      },
      onError: (error) => {
        notifications.show({
          color: 'red',
          title: t('userMenu.signOutFailed'),
          message: errorText(t, error),
        });
      },
    });
  };

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.userButton}>
          <Group gap={8} wrap="nowrap">
            <Avatar name={user.fullName} color="initials" radius="xl" size={30} aria-hidden />
            <Text
              component="span"
              size="sm"
              fw={500}
              className={`${classes.userName} ${responsive.hiddenOnPhone}`}
            >
              {user.fullName}
            </Text>
            <ChevronDownIcon size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('userMenu.signedInAs')}</Menu.Label>
        <Box px="sm" pb="xs">
          <Text size="sm" fw={600}>
            {user.fullName}
          </Text>
          <Text size="sm" c="dimmed" mb={6} style={{ overflowWrap: 'anywhere' }}>
            {user.email}
          </Text>
          <RoleBadge role={user.role} />
        </Box>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account/sessions" leftSection={<DevicesIcon size={16} />}>
          {t('userMenu.sessions')}
        </Menu.Item>
        <Menu.Item component={Link} to="/account/devices" leftSection={<DevicesIcon size={16} />}>
          {t('userMenu.devices')}
        </Menu.Item>
        {user.role !== 'customer' ? (
          <Menu.Item component={Link} to="/account/authenticator" leftSection={<ShieldIcon size={16} />}>
            {t('userMenu.authenticator')}
          </Menu.Item>
        ) : null}
        {user.role === 'customer' ? (
          <Menu.Item component={Link} to="/account/notifications" leftSection={<BellIcon size={16} />}>
            {t('userMenu.notifications')}
          </Menu.Item>
        ) : null}
        <Menu.Divider />
        <Menu.Item leftSection={<SignOutIcon size={16} />} onClick={onSignOut} disabled={signOut.isPending}>
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
