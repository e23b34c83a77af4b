import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type {
  AssignBody,
  ChangeStatusBody,
  MessageView,
  PickUpBody,
  PostMessageBody,
  TicketDetail,
} from '../../../shared/contracts/tickets.js';
import { canReopen, canTransition, REOPEN_WINDOW_DAYS, type TicketStatus } from '../../../shared/tickets.js';
import type { Db } from '../../db/connection.js';
import { isUniqueViolation } from '../../db/errors.js';
import { writeTogether } from '../../db/write-together.js';
import { tickets } from '../../db/schema.js';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { createRateLimitRepo, enforceLimit, type Limit } from '../../security/rate-limit.repo.js';
import {
  canReply,
  canWriteInternal,
  isOwner,
  pickUpOutcome,
  statusActor,
  type Viewer,
} from './tickets.policy.js';
import type { TicketEmails } from './ticket-emails.js';
import type { TicketLive } from './tickets.live.js';
import { attach, listForMessages } from '../attachments/attachments.service.js';
import { recordAssignment } from '../audit/audit.hooks.js';
import { createTicketsRepo } from './tickets.repo.js';
import { dueTimesForStatus } from '../sla/sla.clock.js';
import { toMessageView, type TicketRecord } from './tickets.view.js';
import type { Caller } from './tickets.service.js';

interface Deps {
  db: Db;
  now: () => Date;
  /** The ticket and who asks, without deciding whether they may see it. */
  lookup: (caller: Caller, raw: string) => Promise<{ viewer: Viewer; record: TicketRecord | undefined }>;
  /** The ticket as the caller may see it; 404 otherwise. */
  load: (caller: Caller, raw: string) => Promise<{ viewer: Viewer; record: TicketRecord }>;
  /** `from`: the transaction to read in, when called inside one. */
  detail: (viewer: Viewer, ticketId: string) => Promise<TicketDetail>;
  /** Written in each change's transaction; woken after the commit. */
  emails: TicketEmails;
  /** Recorded in each change's transaction; published after the commit. */
  live: TicketLive;
  /** Messages one person may send; a flood is refused with 429. */
  sendLimit?: Limit;
}

/** Generous for a person typing, tight for a script. */
export const DEFAULT_SEND_LIMIT: Limit = { max: 30, windowSeconds: 60 };

const conversationClosed = () =>
  new AppError(
    'CONVERSATION_CLOSED',
    409,
    'This conversation is closed because the ticket was resolved. Reopen the ticket to continue.',
  );

export const staleUpdate = () =>
  new AppError(
    'STALE_UPDATE',
    409,
    'This ticket changed since you loaded it. Reload it to see the latest version, then try again.',
  );

const invalidTransition = (message: string) => new AppError('INVALID_TRANSITION', 409, message);

const forbidden = (message: string) => new AppError('FORBIDDEN', 403, message);

const CLOSED_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

/** Everything that changes a ticket after it was raised. Each change is one transaction. */
export function createTicketChanges({ db, now, lookup, load, detail, emails, live, sendLimit }: Deps) {
  const rateLimits = createRateLimitRepo(db);

  /** Runs a change's transaction, then lets the emails and live events it wrote go out. */
  async function committed<T>(work: Parameters<typeof db.transaction<T>>[0]): Promise<T> {
    const result = await db.transaction(work);
    emails.wake();
    live.published();
    return result;
  }

  /** The message a retried send already stored, as this caller sees it. */
  async function alreadySent(caller: Caller, viewer: Viewer, ticketId: string, clientId: string) {
    const existing = await createTicketsRepo(db).messageByClientId(caller.id, clientId);
    if (!existing) return undefined;
    if (existing.message.ticketId !== ticketId) {
      throw validationFailed([{ field: 'clientId', message: 'was already used for another message' }]);
    }
    const files = await listForMessages(db, [existing.message.id], viewer);
    return toMessageView(existing, viewer.role, files.get(existing.message.id));
  }

  return {
    async postMessage(caller: Caller, raw: string, body: PostMessageBody): Promise<MessageView> {
      const { viewer, record } = await load(caller, raw);
      const internal = body.internal ?? false;
      if (internal && viewer.role === 'customer') {
        throw validationFailed([{ field: 'internal', message: 'customers cannot write internal notes' }]);
      }
      if (!canReply(viewer, record.ticket)) throw forbidden('Pick up this ticket before replying to it');
      if (internal && !canWriteInternal(viewer, record.ticket)) {
        throw forbidden('Only the ticket’s agent or an admin can write internal notes');
      }
      const clientId = body.clientId;
      // The email a reply starts or joins waits for quick follow-ups: nothing for the worker to send
      // now, so unlike other changes a message does not wake it (its next poll finds the email due).
      const write = () =>
        db.transaction(async (tx) => {
          const txRepo = createTicketsRepo(tx);
          // A public message is emailed to the other side: they come with the lock.
          const locked = internal
            ? { ticket: await txRepo.lockTicket(record.ticket.id), recipient: null, online: false }
            : await txRepo.lockTicketWithRecipient(record.ticket.id, caller.id, now());
          const ticket = locked?.ticket;
          if (!locked || !ticket) throw notFound('Ticket');
          if (ticket.status === 'closed') {
            throw invalidTransition('This ticket is closed. Please raise a new ticket to continue.');
          }
          // Staff may still leave internal notes on a resolved ticket; the conversation is closed.
          if (ticket.status === 'resolved' && !internal) throw conversationClosed();
          const at = now();
          const message = {
            id: randomUUID(),
            ticketId: ticket.id,
            authorId: caller.id,
            body: body.body.trim(),
            internal,
            clientId: clientId ?? null,
            createdAt: at,
          };
          // Files point at their message: a message with files is written first, any other with the rest.
          const attachmentIds = body.attachmentIds ?? [];
          if (attachmentIds.length > 0) await writeTogether(tx, [txRepo.insertMessageWrite(message)]);
          const messageWrites = attachmentIds.length > 0 ? [] : [txRepo.insertMessageWrite(message)];
          const files = await attach(tx, {
            ticketId: ticket.id,
            uploaderId: caller.id,
            attachmentIds,
            messageId: message.id,
          });
          const written = { message, authorName: caller.fullName, authorRole: caller.role };
          const view = toMessageView(written, viewer.role, files);
          // Everyone in the audience of a public message sees it as its customer does.
          const heard = internal ? view : toMessageView(written, 'customer', files);
          // Internal notes are not activity the customer sees: the ticket stays as it was.
          if (internal) {
            await writeTogether(tx, [...messageWrites, ...live.messageWrites(ticket, heard)]);
            return view;
          }
          const answersAgent = isOwner(viewer, ticket) && ticket.status === 'waiting_on_customer';
          // The first public reply by staff meets the first-response target.
          const firstResponse =
            viewer.role !== 'customer' && ticket.firstResponseAt === null ? { firstResponseAt: at } : {};
          // The message, the ticket's update, its history, the email and the live events: one statement.
          const moved = {
            status: 'in_progress' as const,
            version: ticket.version + 1,
            previousAgentId: ticket.agentId,
          };
          await writeTogether(tx, [
            ...messageWrites,
            ...emails.replyWrites(tx, { ticket, authorId: caller.id, at, to: locked }),
            txRepo.updateWrite(
              ticket.id,
              answersAgent
                ? {
                    status: 'in_progress',
                    updatedAt: at,
                    ...(await dueTimesForStatus(tx, ticket, 'in_progress', at)),
                  }
                : { updatedAt: at, ...firstResponse },
            ),
            ...(answersAgent
              ? [
                  txRepo.insertEventWrite({
                    ticketId: ticket.id,
                    type: 'status_changed',
                    fromStatus: 'waiting_on_customer',
                    toStatus: 'in_progress',
                    actorId: caller.id,
                    agentId: ticket.agentId,
                    createdAt: at,
                  }),
                ]
              : []),
            ...live.messageWrites(ticket, heard, answersAgent ? moved : undefined),
          ]);
          return view;
        });
      try {
        await enforceLimit(
          rateLimits,
          `messages:user:${caller.id}`,
          sendLimit ?? DEFAULT_SEND_LIMIT,
          'You are sending messages too quickly. Wait a moment and try again.',
        );
        const view = await write();
        live.published();
        return view;
      } catch (error) {
        // A retried send (its client id already stored: the insert failed on it, or the retry was
        // refused since, the ticket resolved or the sender at the limit) answers the stored message.
        // Looked up only then, not before every send.
        if (!clientId || !(isUniqueViolation(error) || error instanceof AppError)) throw error;
        const stored = await alreadySent(caller, viewer, record.ticket.id, clientId);
        if (!stored) throw error;
        return stored;
      }
    },

    async changeStatus(caller: Caller, raw: string, body: ChangeStatusBody): Promise<TicketDetail> {
      const { viewer, record } = await load(caller, raw);
      const { ticket } = record;
      const actor = statusActor(viewer, ticket);
      if (!actor) throw forbidden('Pick up this ticket before changing its status');
      if (body.version !== ticket.version) throw staleUpdate();
      if (!canTransition(ticket.status, body.status, actor)) {
        throw invalidTransition(`A ticket that is ${ticket.status} cannot be moved to ${body.status}`);
      }
      const at = now();
      if (actor === 'customer' && (!ticket.resolvedAt || !canReopen(ticket.resolvedAt, at))) {
        throw invalidTransition(
          `This ticket was resolved more than ${REOPEN_WINDOW_DAYS} days ago and can no longer be reopened. Please raise a new ticket.`,
        );
      }
      await committed(async (tx) => {
        const txRepo = createTicketsRepo(tx);
        const resolvedAt =
          body.status === 'resolved' ? at : body.status === 'reopened' ? null : ticket.resolvedAt;
        const updated = await txRepo.updateIfVersion(ticket.id, body.version, {
          status: body.status,
          updatedAt: at,
          resolvedAt,
          ...(await dueTimesForStatus(tx, ticket, body.status, at)),
        });
        if (!updated) throw staleUpdate();
        await txRepo.insertEvent({
          ticketId: ticket.id,
          type: 'status_changed',
          fromStatus: ticket.status,
          toStatus: body.status,
          actorId: caller.id,
          agentId: ticket.agentId,
          createdAt: at,
        });
        await emails.statusChanged(tx, ticket, ticket.status, body.status, caller.id);
        await live.updated(tx, ticket, {
          status: body.status,
          version: body.version + 1,
          previousAgentId: ticket.agentId,
        });
      });
      return detail(viewer, ticket.id);
    },

    /** Admins assign or reassign to an active agent. */
    async assign(caller: Caller, raw: string, body: AssignBody): Promise<TicketDetail> {
      const { viewer, record } = await load(caller, raw);
      const { ticket } = record;
      if (!(await createTicketsRepo(db).findActiveAgent(body.agentId))) {
        throw validationFailed([{ field: 'agentId', message: 'is not an active agent' }]);
      }
      if (body.version !== ticket.version) throw staleUpdate();
      if (CLOSED_STATUSES.includes(ticket.status)) {
        throw invalidTransition(`A ticket that is ${ticket.status} cannot be assigned`);
      }
      const status: TicketStatus = ticket.status === 'open' ? 'assigned' : ticket.status;
      await committed(async (tx) => {
        const txRepo = createTicketsRepo(tx);
        const at = now();
        const updated = await txRepo.updateIfVersion(ticket.id, body.version, {
          agentId: body.agentId,
          status,
          updatedAt: at,
        });
        if (!updated) throw staleUpdate();
        await txRepo.insertEvent({
          ticketId: ticket.id,
          type: 'assigned',
          fromStatus: ticket.status,
          toStatus: status,
          actorId: caller.id,
          agentId: body.agentId,
          createdAt: at,
        });
        await txRepo.markAssigned(body.agentId, at);
        await emails.assigned(tx, ticket, body.agentId, caller.id);
        await recordAssignment(tx, {
          actorId: caller.id,
          ticket,
          fromAgentId: ticket.agentId,
          toAgentId: body.agentId,
        });
        await live.updated(
          tx,
          { ...ticket, agentId: body.agentId },
          { status, version: body.version + 1, previousAgentId: ticket.agentId },
        );
      });
      return detail(viewer, ticket.id);
    },

    /** An agent takes an unassigned ticket from their queue; the loser of a race gets 409. */
    async pickUp(caller: Caller, raw: string, body: PickUpBody): Promise<TicketDetail> {
      const { viewer, record } = await lookup(caller, raw);
      if (!record) throw notFound('Ticket');
      const { ticket } = record;
      const outcome = pickUpOutcome(viewer, ticket);
      if (outcome === 'not-found') throw notFound('Ticket');
      if (outcome === 'already-yours') {
        throw new AppError('CONFLICT', 409, 'This ticket is already assigned to you');
      }
      if (outcome === 'taken' || body.version !== ticket.version) throw staleUpdate();
      await committed(async (tx) => {
        const txRepo = createTicketsRepo(tx);
        const at = now();
        const updated = await txRepo.updateIfVersion(
          ticket.id,
          body.version,
          { agentId: caller.id, status: 'assigned', updatedAt: at },
          and(isNull(tickets.agentId), eq(tickets.status, 'open')),
        );
        if (!updated) throw staleUpdate();
        await txRepo.insertEvent({
          ticketId: ticket.id,
          type: 'assigned',
          fromStatus: 'open',
          toStatus: 'assigned',
          actorId: caller.id,
          agentId: caller.id,
          createdAt: at,
        });
        await txRepo.markAssigned(caller.id, at);
        await emails.assigned(tx, ticket, caller.id, caller.id);
        await recordAssignment(tx, { actorId: caller.id, ticket, fromAgentId: null, toAgentId: caller.id });
        await live.updated(
          tx,
          { ...ticket, agentId: caller.id },
          { status: 'assigned', version: body.version + 1, previousAgentId: null },
        );
      });
      return detail(viewer, ticket.id);
    },

    /** An agent was deactivated: their active tickets go back to the unassigned queue. */
    async returnAgentTicketsToQueue(agentId: string, actorId: string | null): Promise<void> {
      await committed(async (tx) => {
        const txRepo = createTicketsRepo(tx);
        const active = await txRepo.lockActiveOf(agentId);
        const at = now();
        await txRepo.unassign(
          active.map((ticket) => ticket.id),
          at,
        );
        for (const ticket of active) {
          await txRepo.insertEvent({
            ticketId: ticket.id,
            type: 'unassigned',
            fromStatus: ticket.status,
            toStatus: 'open',
            actorId,
            agentId,
            createdAt: at,
          });
          await recordAssignment(tx, { actorId, ticket, fromAgentId: agentId, toAgentId: null });
          await live.updated(
            tx,
            { id: ticket.id, customerId: ticket.customerId, agentId: null },
            { status: 'open', version: ticket.version + 1, previousAgentId: agentId },
          );
        }
      });
    },
  };
}
