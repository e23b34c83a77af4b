import type { Role } from '../../../shared/roles.js';
import {
  allowedTransitions,
  canReopen,
  type StatusActor,
  type TicketStatus,
} from '../../../shared/tickets.js';

/**
 * Per-record rules, as pure functions of who asks and what the ticket is. Routes only check the
 * caller's role; everything about one ticket is decided here.
 */
export interface Viewer {
  id: string;
  role: Role;
  /** Agents: the categories they handle (empty for other roles). */
  categoryIds: readonly string[];
}

export interface TicketFacts {
  customerId: string;
  agentId: string | null;
  categoryId: string;
  status: TicketStatus;
  resolvedAt: Date | null;
}

export const isOwner = (viewer: Viewer, ticket: TicketFacts): boolean =>
  viewer.role === 'customer' && ticket.customerId === viewer.id;

export const isAssignedAgent = (viewer: Viewer, ticket: TicketFacts): boolean =>
  viewer.role === 'agent' && ticket.agentId === viewer.id;

/** Waiting in the queue of one of the agent's categories. */
export const isPickable = (viewer: Viewer, ticket: TicketFacts): boolean =>
  viewer.role === 'agent' &&
  ticket.agentId === null &&
  ticket.status === 'open' &&
  viewer.categoryIds.includes(ticket.categoryId);

/** Anything else answers 404: the caller does not learn that the ticket exists. */
export function canSee(viewer: Viewer, ticket: TicketFacts): boolean {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'customer':
      return isOwner(viewer, ticket);
    case 'agent':
      return isAssignedAgent(viewer, ticket) || isPickable(viewer, ticket);
  }
}

/** Staff who work the ticket: its agent, or any admin. They change status and write internal notes. */
export const canWork = (viewer: Viewer, ticket: TicketFacts): boolean =>
  viewer.role === 'admin' || isAssignedAgent(viewer, ticket);

export const canReply = (viewer: Viewer, ticket: TicketFacts): boolean =>
  isOwner(viewer, ticket) || canWork(viewer, ticket);

export const canWriteInternal = canWork;

/** Internal notes never reach a customer. */
export const canSeeInternal = (viewer: Viewer): boolean => viewer.role !== 'customer';

/** Which transition table applies to the caller, if any. */
export function statusActor(viewer: Viewer, ticket: TicketFacts): StatusActor | undefined {
  if (isOwner(viewer, ticket)) return 'customer';
  if (canWork(viewer, ticket)) return 'staff';
  return undefined;
}

/** The statuses the caller may move the ticket to now (what the UI offers). */
export function statusesFor(viewer: Viewer, ticket: TicketFacts, now: Date): readonly TicketStatus[] {
  const actor = statusActor(viewer, ticket);
  if (actor === 'staff') return allowedTransitions(ticket.status, 'staff');
  if (actor === 'customer' && ticket.resolvedAt && canReopen(ticket.resolvedAt, now)) {
    return allowedTransitions(ticket.status, 'customer');
  }
  return [];
}

export type PickUpOutcome = 'ok' | 'already-yours' | 'taken' | 'not-found';

/**
 * An agent picking up a ticket. One in their categories that someone else got first is `taken`
 * (a 409 the loser of a race understands); any other ticket they cannot see is `not-found`.
 */
export function pickUpOutcome(viewer: Viewer, ticket: TicketFacts): PickUpOutcome {
  if (viewer.role !== 'agent') return 'not-found';
  if (isPickable(viewer, ticket)) return 'ok';
  if (isAssignedAgent(viewer, ticket)) return 'already-yours';
  return viewer.categoryIds.includes(ticket.categoryId) ? 'taken' : 'not-found';
}
