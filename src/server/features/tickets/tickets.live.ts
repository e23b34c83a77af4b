import type { MessageView } from '../../../shared/contracts/tickets.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import type { SQLWrapper } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { NewLiveEvent } from '../../realtime/live-events.repo.js';
import { ticketAudience, type LiveEvents } from '../../realtime/live.js';

interface TicketParties {
  id: string;
  customerId: string;
  agentId: string | null;
}

const NO_LIVE: LiveEvents = {
  record: () => Promise.resolve(),
  recordWrite: () => undefined,
  published: () => undefined,
};

const createdEvent = (ticket: TicketParties & { reference: string; status: TicketStatus }): NewLiveEvent => ({
  type: 'ticket.created',
  ticketId: ticket.id,
  audience: ticketAudience(ticket, { queue: ticket.agentId === null }),
  data: { reference: ticket.reference, status: ticket.status },
});

/** An assignment or status change; the previous agent and the queue hear of it too. */
const updatedEvent = (
  ticket: TicketParties,
  change: { status: TicketStatus; version: number; previousAgentId: string | null },
): NewLiveEvent => ({
  type: 'ticket.updated',
  ticketId: ticket.id,
  audience: ticketAudience(ticket, {
    previousAgentId: change.previousAgentId,
    queue: ticket.agentId === null || change.previousAgentId === null,
  }),
  data: { status: change.status, agentId: ticket.agentId, version: change.version },
});

/** Internal notes are for staff: their event has no customer in its audience. */
const messageEvent = (ticket: TicketParties, message: MessageView): NewLiveEvent => ({
  type: 'message.created',
  ticketId: ticket.id,
  audience: ticketAudience(ticket, { staffOnly: message.internal }),
  data: { ...message },
});

/** The live events of the tickets feature, recorded in the transaction of the change they report. */
export function createTicketLive(live: LiveEvents = NO_LIVE) {
  return {
    published: () => live.published(),

    created: (tx: Db, ticket: TicketParties & { reference: string; status: TicketStatus }) =>
      live.record(tx, createdEvent(ticket)),

    /** created as writes still to run, for writeTogether. */
    createdWrites(ticket: TicketParties & { reference: string; status: TicketStatus }): SQLWrapper[] {
      const write = live.recordWrite(createdEvent(ticket));
      return write ? [write] : [];
    },

    updated: (
      tx: Db,
      ticket: TicketParties,
      change: { status: TicketStatus; version: number; previousAgentId: string | null },
    ) => live.record(tx, updatedEvent(ticket, change)),

    /** A new message and, when it moved the ticket, that update, as writes still to run (writeTogether). */
    messageWrites(
      ticket: TicketParties,
      message: MessageView,
      change?: { status: TicketStatus; version: number; previousAgentId: string | null },
    ): SQLWrapper[] {
      const events = [messageEvent(ticket, message), ...(change ? [updatedEvent(ticket, change)] : [])];
      return events.flatMap((event) => live.recordWrite(event) ?? []);
    },

    /**
     * A priority change. The data says only what the customer already sees (status, agent, version),
     * so their open page keeps the current version; the priority itself is never in it.
     */
    priorityChanged: (tx: Db, ticket: TicketParties & { status: TicketStatus }, version: number) =>
      live.record(tx, {
        type: 'ticket.updated',
        ticketId: ticket.id,
        audience: ticketAudience(ticket),
        data: { status: ticket.status, agentId: ticket.agentId, version },
      }),

    read: (tx: Db, ticket: TicketParties, userId: string, readUpTo: Date) =>
      live.record(tx, {
        type: 'ticket.read',
        ticketId: ticket.id,
        audience: ticketAudience(ticket),
        data: { userId, readUpTo: readUpTo.toISOString() },
      }),

    rated: (tx: Db, ticket: TicketParties, stars: number) =>
      live.record(tx, {
        type: 'ticket.rated',
        ticketId: ticket.id,
        audience: ticketAudience(ticket),
        data: { stars },
      }),
  };
}
export type TicketLive = ReturnType<typeof createTicketLive>;
