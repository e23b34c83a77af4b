export const ROLES = ['customer', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Where each role lands after signing in; the web router and the e2e tests share it. */
export const HOME_PATH: Record<Role, string> = {
  customer: '/customer',
  agent: '/agent',
  admin: '/admin',
};
