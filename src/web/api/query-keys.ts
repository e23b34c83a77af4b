import type { AgentStatus } from '../../shared/contracts/agents.js';
import type { MailStatus } from '../../shared/contracts/mail.js';
import type { SlaFilter } from '../../shared/contracts/sla.js';
import type { TicketPriority, TicketStatus } from '../../shared/tickets.js';
import type { Role } from '../../shared/roles.js';

export interface AccountsFilter {
  role?: Role | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The filters of a ticket list (GET /tickets); every value is optional. */
export interface TicketFilter {
  status?: TicketStatus | undefined;
  categoryId?: string | undefined;
  agentId?: string | undefined;
  unassigned?: boolean | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  /** A tag's name (staff lists). */
  tag?: string | undefined;
  /** Staff lists: one priority, and tickets at risk of breaching or breached. */
  priority?: TicketPriority | undefined;
  sla?: SlaFilter | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Every TanStack Query key in one place, so invalidation and tests name the same thing. */
export const queryKeys = {
  session: ['session'] as const,
  /** Kept beside the session (starting a session keeps every `session` key). */
  totpSetupRequired: ['session', 'totpSetupRequired'] as const,
  admin: ['admin'] as const,
  adminOverview: ['admin', 'overview'] as const,
  adminUsers: (filter: AccountsFilter) => ['admin', 'users', filter] as const,
  adminAgents: ['admin', 'agents'] as const,
  adminAgentList: (status: AgentStatus | undefined, cursor: string | undefined) =>
    ['admin', 'agents', status ?? 'all', cursor ?? null] as const,
  workload: ['admin', 'workload'] as const,
  securitySettings: ['admin', 'security'] as const,
  serviceLevels: ['admin', 'service-levels'] as const,
  holidays: (cursor: string | undefined) => ['admin', 'service-levels', 'holidays', cursor ?? null] as const,
  /** The admin's Mail log: pages by status, and single emails. */
  mail: ['admin', 'mail'] as const,
  mailList: (status: MailStatus | undefined, cursor: string | undefined) =>
    ['admin', 'mail', 'list', status ?? 'all', cursor ?? null] as const,
  mailDetail: (id: string) => ['admin', 'mail', 'detail', id] as const,
  /** The signed-in user's own sessions and email preferences. */
  mySessions: ['me', 'sessions'] as const,
  mySessionPage: (cursor: string | undefined) => ['me', 'sessions', cursor ?? null] as const,
  myDevices: ['me', 'devices'] as const,
  myDevicePage: (cursor: string | undefined) => ['me', 'devices', cursor ?? null] as const,
  myNotifications: ['me', 'notifications'] as const,
  categories: ['categories'] as const,
  categoryList: (includeArchived: boolean) => ['categories', includeArchived] as const,
  /** Everything about tickets: lists, queues, details and threads (invalidated together). */
  tickets: ['tickets'] as const,
  ticketList: (filter: TicketFilter) => ['tickets', 'list', filter] as const,
  ticketQueue: (cursor: string | undefined) => ['tickets', 'queue', cursor ?? null] as const,
  ticket: (key: string) => ['tickets', 'detail', key] as const,
  messages: (key: string) => ['tickets', 'messages', key] as const,
  /** How many of the caller's tickets have unread messages (the navigation badge). */
  unread: ['tickets', 'unread'] as const,
};
