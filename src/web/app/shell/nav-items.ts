import type { Role } from '../../../shared/roles.js';

export interface NavItem {
  to: string;
  label: 'nav.dashboard' | 'nav.accounts';
  icon: 'dashboard' | 'users';
  /** Only this exact path makes the item current (a dashboard is not "current" on its sub-pages). */
  end?: boolean;
}

/** Side navigation per role: only pages that exist today. */
export const NAV_ITEMS: Record<Role, NavItem[]> = {
  customer: [{ to: '/customer', label: 'nav.dashboard', icon: 'dashboard', end: true }],
  agent: [{ to: '/agent', label: 'nav.dashboard', icon: 'dashboard', end: true }],
  admin: [
    { to: '/admin', label: 'nav.dashboard', icon: 'dashboard', end: true },
    { to: '/admin/accounts', label: 'nav.accounts', icon: 'users' },
  ],
};
