/**
 * A ticket's life: open → assigned → in progress ⇄ waiting on customer → resolved → closed, and
 * resolved → reopened by the customer (within REOPEN_WINDOW_DAYS), after which the agent works it again.
 */
export const TICKET_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'reopened',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Set by staff; customers never see it. Each has its own service-level targets. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Statuses in which a ticket still needs work; they count towards an agent's load. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = [
  'assigned',
  'in_progress',
  'waiting_on_customer',
  'reopened',
];

export const REOPEN_WINDOW_DAYS = 7;

/** Who moves a ticket by hand. Assignment (open → assigned) is its own action, not a status change. */
export type StatusActor = 'customer' | 'staff';

const STAFF_TRANSITIONS: Partial<Record<TicketStatus, readonly TicketStatus[]>> = {
  assigned: ['in_progress'],
  in_progress: ['waiting_on_customer', 'resolved'],
  waiting_on_customer: ['in_progress', 'resolved'],
  reopened: ['in_progress'],
  resolved: ['closed'],
};

const CUSTOMER_TRANSITIONS: Partial<Record<TicketStatus, readonly TicketStatus[]>> = {
  resolved: ['reopened'],
};

export function allowedTransitions(from: TicketStatus, actor: StatusActor): readonly TicketStatus[] {
  return (actor === 'staff' ? STAFF_TRANSITIONS : CUSTOMER_TRANSITIONS)[from] ?? [];
}

export const canTransition = (from: TicketStatus, to: TicketStatus, actor: StatusActor): boolean =>
  allowedTransitions(from, actor).includes(to);

/** A customer may reopen a resolved ticket for a week; after that a new ticket is the way. */
export function canReopen(resolvedAt: Date, now: Date): boolean {
  return now.getTime() - resolvedAt.getTime() <= REOPEN_WINDOW_DAYS * 24 * 3_600_000;
}
