import { Badge, NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../../shared/roles.js';
import { useAdminOverview } from '../../api/admin.hooks.js';
import { useFormat } from '../../i18n/format.js';
import {
  ChartIcon,
  DashboardIcon,
  InboxIcon,
  MailIcon,
  PlusIcon,
  SettingsIcon,
  ShieldIcon,
  TagIcon,
  TicketIcon,
  UserPlusIcon,
  UsersIcon,
} from '../../components/icons.js';
import { NAV_ITEMS, type NavCount, type NavItem } from './nav-items.js';
import { PinnedFilters } from './pinned-filters.js';
import { UnreadNavBadge } from '../../components/tickets/unread-nav-badge.js';

const ICONS = {
  dashboard: DashboardIcon,
  users: UsersIcon,
  tickets: TicketIcon,
  plus: PlusIcon,
  inbox: InboxIcon,
  tag: TagIcon,
  chart: ChartIcon,
  request: UserPlusIcon,
  mail: MailIcon,
  settings: SettingsIcon,
  audit: ShieldIcon,
} as const;

function matches(item: NavItem, path: string): boolean {
  return item.end ? path === item.to : path === item.to || path.startsWith(`${item.to}/`);
}

/** The one current item: the most specific match ("New ticket" rather than "My tickets"). */
export function currentItem(items: NavItem[], pathname: string): NavItem | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  return items.filter((item) => matches(item, path)).sort((a, b) => b.to.length - a.to.length)[0];
}

/**
 * A number beside an admin navigation item (pending requests, total accounts). Decorative for screen
 * readers (the pages state the numbers), so each link's name stays exactly its label.
 */
function NavCountBadge({ count }: { count: NavCount }) {
  const overview = useAdminOverview();
  const format = useFormat();
  if (!overview.data) return null;
  const { customer, agent, admin } = overview.data.accounts;
  const value = count === 'accounts' ? customer + agent + admin : (overview.data.pendingAgentRequests ?? 0);
  if (count === 'pendingRequests' && value === 0) return null;
  return (
    <Badge
      size="sm"
      variant={count === 'pendingRequests' ? 'filled' : 'light'}
      color={count === 'pendingRequests' ? 'orange' : 'gray'}
      radius="sm"
      aria-hidden
    >
      {format.number(value)}
    </Badge>
  );
}

export function RoleNav({ role, onNavigate }: { role: Role; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = currentItem(NAV_ITEMS[role], pathname);
  return (
    <Stack gap={4}>
      {NAV_ITEMS[role].map((item) => {
        const isCurrent = item === current;
        const Icon = ICONS[item.icon];
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={<Icon />}
            rightSection={
              item.count === 'unread' ? (
                <UnreadNavBadge />
              ) : item.count ? (
                <NavCountBadge count={item.count} />
              ) : undefined
            }
            active={isCurrent}
            aria-current={isCurrent ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        );
      })}
      <PinnedFilters role={role} onNavigate={onNavigate} />
    </Stack>
  );
}
