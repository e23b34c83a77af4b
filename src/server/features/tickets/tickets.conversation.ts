import { and, eq } from 'drizzle-orm';
import type { MarkReadBody, RateBody, RatingView, UnreadSummary } from '../../../shared/contracts/tickets.js';
import type { Db } from '../../db/connection.js';
import { ticketMessages, type TicketRow } from '../../db/schema.js';
import { AppError, validationFailed } from '../../errors.js';
import { createConversationRepo } from './conversation.repo.js';
import { canSeeInternal, isAssignedAgent, isOwner, type Viewer } from './tickets.policy.js';
import type { TicketLive } from './tickets.live.js';
import type { TicketRecord } from './tickets.view.js';
import type { Caller } from './tickets.service.js';

interface Deps {
  db: Db;
  now: () => Date;
  load: (caller: Caller, raw: string) => Promise<{ viewer: Viewer; record: TicketRecord }>;
  live: TicketLive;
}

export const toRatingView = (row: {
  stars: number;
  comment: string | null;
  createdAt: Date;
}): RatingView => ({
  stars: row.stars,
  comment: row.comment,
  createdAt: row.createdAt.toISOString(),
});

/** Rated once per resolution: reopening and resolving again asks again. */
export const awaitingRating = (ticket: TicketRow, lastRatedResolution: Date | undefined) =>
  (ticket.status === 'resolved' || ticket.status === 'closed') &&
  ticket.resolvedAt !== null &&
  lastRatedResolution?.getTime() !== ticket.resolvedAt.getTime();

/** Read marks, unread counts and the customer's rating: the conversation around the messages. */
export function createTicketConversation({ db, now, load, live }: Deps) {
  const repo = createConversationRepo(db);

  return {
    async unreadSummary(caller: Caller): Promise<UnreadSummary> {
      if (caller.role === 'admin') return { tickets: 0 };
      const reader = { id: caller.id, staff: caller.role !== 'customer' };
      return { tickets: await repo.ticketsWithUnread(reader, caller.role) };
    },

    /** The caller has seen the conversation up to this message. */
    async markRead(caller: Caller, raw: string, body: MarkReadBody): Promise<void> {
      const { viewer, record } = await load(caller, raw);
      const { ticket } = record;
      const rows = await db
        .select({ createdAt: ticketMessages.createdAt, internal: ticketMessages.internal })
        .from(ticketMessages)
        .where(and(eq(ticketMessages.id, body.messageId), eq(ticketMessages.ticketId, ticket.id)))
        .limit(1);
      const message = rows[0];
      if (!message || (message.internal && !canSeeInternal(viewer))) {
        throw validationFailed([{ field: 'messageId', message: 'is not a message of this ticket' }]);
      }
      const participant = isOwner(viewer, ticket) || isAssignedAgent(viewer, ticket);
      await db.transaction(async (tx) => {
        const moved = await createConversationRepo(tx).markRead(ticket.id, caller.id, message.createdAt);
        // Only the two people talking get "seen" marks; an admin reading along stays unseen.
        if (moved && participant) await live.read(tx, ticket, caller.id, message.createdAt);
      });
      live.published();
    },

    /** The customer rates the help of a resolved ticket, once per resolution. */
    async rate(caller: Caller, raw: string, body: RateBody): Promise<RatingView> {
      const { viewer, record } = await load(caller, raw);
      if (!isOwner(viewer, record.ticket)) {
        throw new AppError('FORBIDDEN', 403, 'Only the customer who raised the ticket can rate the help');
      }
      const rating = await db.transaction(async (tx) => {
        const txRepo = createConversationRepo(tx);
        const ticket = await txRepo.lockTicket(record.ticket.id);
        const latest = await txRepo.latestRating(record.ticket.id);
        if (!ticket || ticket.resolvedAt === null || !awaitingRating(ticket, latest?.resolvedAt)) {
          throw new AppError(
            'CONFLICT',
            409,
            ticket?.resolvedAt
              ? 'You have already rated this help'
              : 'You can rate the help once the ticket is resolved',
          );
        }
        const values = {
          ticketId: ticket.id,
          resolvedAt: ticket.resolvedAt,
          customerId: caller.id,
          agentId: ticket.agentId,
          stars: body.stars,
          comment: body.comment?.trim() || null,
          createdAt: now(),
        };
        if (!(await txRepo.insertRating(values))) {
          throw new AppError('CONFLICT', 409, 'You have already rated this help');
        }
        await live.rated(tx, ticket, body.stars);
        return values;
      });
      live.published();
      return toRatingView(rating);
    },
  };
}
export type TicketConversation = ReturnType<typeof createTicketConversation>;
