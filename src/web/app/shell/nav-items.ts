import type { Role } from '../../../shared/roles.js';

export type NavCount = 'pendingRequests' | 'accounts' | 'unread';

export interface NavItem {
  to: string;
  label:
    | 'nav.dashboard'
    | 'nav.accounts'
    | 'nav.myTickets'
    | 'nav.newTicket'
    | 'nav.myQueue'
    | 'nav.unassigned'
    | 'nav.tickets'
    | 'nav.requests'
    | 'nav.agents'
    | 'nav.categories'
    | 'nav.workload'
    | 'nav.mailLog'
    | 'nav.settings'
    | 'sla.nav'
    | 'canned.nav'
    | 'audit.nav'
    | 'reports.nav';
  icon:
    | 'dashboard'
    | 'users'
    | 'tickets'
    | 'plus'
    | 'inbox'
    | 'tag'
    | 'chart'
    | 'request'
    | 'mail'
    | 'settings'
    | 'audit';
  /** Only this exact path makes the item current (a dashboard is not "current" on its sub-pages). */
  end?: boolean;
  /** A number shown beside the label, where it is cheap to know. */
  count?: NavCount;
}

/** Side navigation per role. */
export const NAV_ITEMS: Record<Role, NavItem[]> = {
  customer: [
    { to: '/customer/tickets', label: 'nav.myTickets', icon: 'tickets', count: 'unread' },
    { to: '/customer/tickets/new', label: 'nav.newTicket', icon: 'plus', end: true },
  ],
  agent: [
    { to: '/agent', label: 'nav.myQueue', icon: 'tickets', end: true, count: 'unread' },
    { to: '/agent/unassigned', label: 'nav.unassigned', icon: 'inbox' },
    { to: '/agent/canned-responses', label: 'canned.nav', icon: 'mail' },
  ],
  admin: [
    { to: '/admin', label: 'nav.dashboard', icon: 'dashboard', end: true },
    { to: '/admin/tickets', label: 'nav.tickets', icon: 'tickets' },
    { to: '/admin/unassigned', label: 'nav.unassigned', icon: 'inbox' },
    { to: '/admin/requests', label: 'nav.requests', icon: 'request', count: 'pendingRequests' },
    { to: '/admin/agents', label: 'nav.agents', icon: 'users' },
    { to: '/admin/categories', label: 'nav.categories', icon: 'tag' },
    { to: '/admin/workload', label: 'nav.workload', icon: 'chart' },
    { to: '/admin/reports', label: 'reports.nav', icon: 'chart' },
    { to: '/admin/accounts', label: 'nav.accounts', icon: 'users', count: 'accounts' },
    { to: '/admin/mail', label: 'nav.mailLog', icon: 'mail' },
    { to: '/admin/audit', label: 'audit.nav', icon: 'audit' },
    { to: '/admin/canned-responses', label: 'canned.nav', icon: 'mail' },
    { to: '/admin/settings', label: 'nav.settings', icon: 'settings' },
    { to: '/admin/service-levels', label: 'sla.nav', icon: 'chart' },
  ],
};
