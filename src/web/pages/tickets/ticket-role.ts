import { ROLES, type Role } from '../../../shared/roles.js';

/** Where each role's ticket pages live: lists link to `${TICKET_BASE[role]}/${reference}`. */
export const TICKET_BASE: Record<Role, string> = {
  customer: '/customer/tickets',
  agent: '/agent/tickets',
  admin: '/admin/tickets',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
