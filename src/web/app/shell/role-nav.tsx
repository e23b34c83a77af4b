import { Badge, NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../../shared/roles.js';
import { useAdminOverview } from '../../api/admin.hooks.js';
import { useFormat } from '../../i18n/format.js';
import { DashboardIcon, UsersIcon } from '../../components/icons.js';
import { NAV_ITEMS, type NavItem } from './nav-items.js';

const ICONS = { dashboard: DashboardIcon, users: UsersIcon } as const;

function isCurrent(item: NavItem, pathname: string): boolean {
  const path = pathname.replace(/\/+$/, '') || '/';
  return item.end ? path === item.to : path === item.to || path.startsWith(`${item.to}/`);
}

/**
 * Total accounts beside "Accounts" in the admin navigation. Decorative for screen readers (the
 * dashboard states the counts), so the link's name stays exactly "Accounts".
 */
function AccountsCount() {
  const overview = useAdminOverview();
  const format = useFormat();
  if (!overview.data) return null;
  const { customer, agent, admin } = overview.data.accounts;
  return (
    <Badge size="sm" variant="light" color="gray" radius="sm" aria-hidden>
      {format.number(customer + agent + admin)}
    </Badge>
  );
}

export function RoleNav({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Stack gap={4}>
      {NAV_ITEMS[role].map((item) => {
        const current = isCurrent(item, pathname);
        const Icon = ICONS[item.icon];
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={<Icon />}
            rightSection={item.to === '/admin/accounts' ? <AccountsCount /> : undefined}
            active={current}
            aria-current={current ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
    </Stack>
  );
}
