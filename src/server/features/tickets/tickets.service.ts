import { randomUUID } from 'node:crypto';
import {
  EMPTY_QUERY_MESSAGE,
  type CreateTicketBody,
  type ListMessagesQuery,
  type ListTicketsQuery,
  type MarkReadBody,
  type RateBody,
  type MessagePage,
  type MessageView,
  type QueueQuery,
  type TicketDetail,
  type TicketPage,
  type TicketSummary,
  type WorkloadPage,
} from '../../../shared/contracts/tickets.js';
import type { FieldError } from '../../../shared/errors.js';
import type { Language } from '../../../shared/languages.js';
import type { Role } from '../../../shared/roles.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/errors.js';
import { writeTogether } from '../../db/write-together.js';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import type { Outbox } from '../../mail/outbox.js';
import { createTicketEmails } from './ticket-emails.js';
import { createTicketChanges } from './tickets.changes.js';
import { initialDueTimes } from '../sla/sla.clock.js';
import { createTicketPriority } from './tickets.priority.js';
import { recordAssignment } from '../audit/audit.hooks.js';
import { createTicketLive } from './tickets.live.js';
import { createTicketConversation } from './tickets.conversation.js';
import { listForMessages } from '../attachments/attachments.service.js';
import type { LiveEvents } from '../../realtime/live.js';
import type { Limit } from '../../security/rate-limit.repo.js';
import { newReference, parseTicketKey } from './reference.js';
import { canSee, canSeeInternal, type Viewer } from './tickets.policy.js';
import { createTicketsRepo, type ListRecord, type TicketFilter, type TicketsRepo } from './tickets.repo.js';
import { toMessageView, toTicketSummary, type TicketRecord } from './tickets.view.js';
import { raisedTicketRow, readTicketDetail, toDetailView, type RaisedTicket } from './ticket-detail.query.js';

export interface TicketsServiceOptions {
  now: () => Date;
  /** Draws a reference; tests replace it to force a collision. */
  newReference: () => string;
  /** Where the ticket emails go; without it, none is written. */
  outbox: Outbox;
  /** For the links in those emails. */
  publicUrl: string;
  /** Live events; without it, none is recorded. */
  live: LiveEvents;
  sendLimit: Limit;
}

/** Who raises a ticket: what its receipt needs besides the Caller. */
type Creator = Pick<UserRow, 'emailConfirmedAt' | 'email' | 'notifyTicketUpdates'>;

type CreationSetup = NonNullable<Awaited<ReturnType<TicketsRepo['creationSetup']>>>;

/** Who is calling: the signed-in user (a row from the session). */
export interface Caller {
  id: string;
  role: Role;
  fullName: string;
  preferredLanguage: Language;
}

const DEFAULT_LIMIT = 25;
const REFERENCE_ATTEMPTS = 5;
const DAY_MS = 24 * 3_600_000;
const HAS_TEXT = /\S/;

const utcDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

export function createTicketsService(db: Db, options: Partial<TicketsServiceOptions> = {}) {
  const now = options.now ?? (() => new Date());
  const drawReference = options.newReference ?? newReference;
  const repo = createTicketsRepo(db);
  const emails = createTicketEmails({
    outbox: options.outbox,
    publicUrl: options.publicUrl ?? 'http://localhost:3000',
    now,
  });

  async function viewerOf(caller: Caller): Promise<Viewer> {
    const categoryIds = caller.role === 'agent' ? await repo.agentCategoryIds(caller.id) : [];
    return { id: caller.id, role: caller.role, categoryIds };
  }

  /** The ticket and who asks, in one query. */
  async function lookup(caller: Caller, raw: string) {
    const key = parseTicketKey(raw);
    const record = key ? await repo.find(key, caller.id) : undefined;
    const categoryIds = caller.role === 'agent' ? (record?.viewerCategoryIds ?? []) : [];
    const viewer: Viewer = { id: caller.id, role: caller.role, categoryIds };
    return { viewer, record };
  }

  /** The ticket as the caller may see it; 404 when it does not exist or is not theirs to see. */
  async function load(caller: Caller, raw: string): Promise<{ viewer: Viewer; record: TicketRecord }> {
    const { viewer, record } = await lookup(caller, raw);
    if (!record || !canSee(viewer, record.ticket)) throw notFound('Ticket');
    return { viewer, record };
  }

  /** The ticket as `viewer` sees it now, after the change that called. */
  async function detail(viewer: Viewer, ticketId: string): Promise<TicketDetail> {
    const row = await readTicketDetail(db, { id: ticketId }, viewer);
    if (!row) throw new Error(`ticket ${ticketId} vanished`);
    return toDetailView(viewer, row, now());
  }

  /**
   * Writes a new ticket with `reference`. Answers what was written, and whether it was routed to an
   * agent (its page then has more to show than what was written).
   */
  async function raise(
    caller: Caller & Creator,
    body: CreateTicketBody,
    setup: CreationSetup,
    reference: string,
  ): Promise<{ ticket: RaisedTicket; createdEventId: string; routed: boolean }> {
    const at = now();
    const ticket: RaisedTicket = {
      id: randomUUID(),
      reference,
      customerId: caller.id,
      categoryId: setup.id,
      agentId: null,
      subject: body.subject.trim(),
      description: body.description.trim(),
      orderReference: body.orderReference?.trim() || null,
      language: caller.preferredLanguage,
      status: 'open',
      createdAt: at,
      updatedAt: at,
      priority: 'normal',
      ...initialDueTimes(setup.clock, at),
    };
    const created = {
      id: randomUUID(),
      ticketId: ticket.id,
      type: 'created',
      toStatus: 'open',
      actorId: caller.id,
      createdAt: at,
    } as const;
    const writes = (on: Db, routed: typeof ticket) => [
      repo.insertTicketWrite(routed),
      repo.insertEventWrite(created),
      ...emails.receiptWrites(on, caller, routed),
    ];
    const raised = { ticket, createdEventId: created.id, routed: false };
    if (!setup.autoAssign) {
      await writeTogether(db, [...writes(db, ticket), ...live.createdWrites(ticket)]);
      return raised;
    }
    return db.transaction(async (tx) => {
      const txRepo = createTicketsRepo(tx);
      // Routing decisions in one category happen one at a time.
      await txRepo.lockCategory(setup.id);
      const agentId = await txRepo.chooseAgent(setup.id, ticket.language);
      if (!agentId) {
        await writeTogether(tx, writes(tx, ticket));
        await live.created(tx, ticket);
        return raised;
      }
      const routed = { ...ticket, agentId, status: 'assigned' as const };
      await writeTogether(tx, [
        ...writes(tx, routed),
        txRepo.insertEventWrite({
          ticketId: ticket.id,
          type: 'assigned',
          fromStatus: 'open',
          toStatus: 'assigned',
          actorId: null,
          agentId,
          createdAt: at,
        }),
      ]);
      await txRepo.markAssigned(agentId, at);
      await recordAssignment(tx, {
        actorId: null,
        ticket: routed,
        fromAgentId: null,
        toAgentId: agentId,
        automatic: true,
      });
      await emails.assigned(tx, routed, agentId, null);
      await live.created(tx, routed);
      return { ...raised, routed: true };
    });
  }

  function listFilter(caller: Caller, query: ListTicketsQuery): TicketFilter {
    const refused: FieldError[] = [];
    const staffOnly = [
      'categoryId',
      'agentId',
      'unassigned',
      'from',
      'to',
      'q',
      'priority',
      'sla',
      'tag',
    ] as const;
    const allowed: readonly string[] =
      caller.role === 'customer'
        ? []
        : caller.role === 'agent'
          ? staffOnly.filter((f) => f !== 'agentId')
          : staffOnly;
    for (const field of staffOnly) {
      if (query[field] !== undefined && !allowed.includes(field)) {
        refused.push({ field, message: 'is not a filter you can use' });
      }
    }
    const createdFrom = query.from ? utcDay(query.from) : undefined;
    const createdBefore = query.to ? new Date(utcDay(query.to).getTime() + DAY_MS) : undefined;
    if (createdFrom && createdBefore && createdFrom >= createdBefore) {
      refused.push({ field: 'to', message: 'must not be before from' });
    }
    if (refused.length > 0) throw validationFailed(refused);

    const filter: TicketFilter = {};
    if (query.status) filter.status = query.status;
    if (caller.role === 'customer') return { ...filter, customerId: caller.id };
    if (caller.role === 'agent') filter.agentId = caller.id;
    else if (query.agentId) filter.agentId = query.agentId;
    if (query.categoryId) filter.categoryId = query.categoryId;
    if (query.unassigned) filter.unassigned = true;
    if (createdFrom) filter.createdFrom = createdFrom;
    if (createdBefore) filter.createdBefore = createdBefore;
    if (query.q?.trim()) filter.search = query.q;
    if (query.priority) filter.priority = query.priority;
    if (query.sla) filter.sla = { kind: query.sla, now: now() };
    if (query.tag?.trim()) filter.tag = query.tag;
    return filter;
  }

  const live = createTicketLive(options.live);
  const conversation = createTicketConversation({ db, now, load, live });

  /** A page of list rows; `sortedOn` is the keyset's time column. */
  function summaryPage(
    role: Role,
    rows: ListRecord[],
    limit: number,
    sortedOn: (row: ListRecord) => Date,
  ): TicketPage {
    const at = now();
    return toPage(
      rows,
      limit,
      (row): TicketSummary => ({
        ...toTicketSummary(row, role, at),
        unreadCount: row.unread,
        ...(role === 'customer' ? {} : { tags: row.tags ?? [] }),
      }),
      (row) => ({ createdAt: sortedOn(row), id: row.ticket.id }),
    );
  }
  const changes = createTicketChanges({
    db,
    now,
    lookup,
    load,
    detail,
    emails,
    live,
    ...(options.sendLimit ? { sendLimit: options.sendLimit } : {}),
  });

  const priority = createTicketPriority({ db, now, load, detail, live });

  return {
    ...changes,
    ...priority,
    markRead: (caller: Caller, raw: string, body: MarkReadBody) => conversation.markRead(caller, raw, body),
    rate: (caller: Caller, raw: string, body: RateBody) => conversation.rate(caller, raw, body),
    unreadSummary: (caller: Caller) => conversation.unreadSummary(caller),

    /**
     * A customer raises a ticket. In a category that routes, it is assigned in the same transaction;
     * otherwise the ticket, its history, its receipt and its live event are one statement.
     */
    async create(caller: Caller & Creator, body: CreateTicketBody): Promise<TicketDetail> {
      if (caller.role === 'customer' && !caller.emailConfirmedAt) {
        throw new AppError('EMAIL_NOT_CONFIRMED', 403, 'Confirm your email address before raising a ticket');
      }
      if (!HAS_TEXT.test(body.description)) {
        throw validationFailed([{ field: 'description', message: EMPTY_QUERY_MESSAGE }]);
      }
      const setup = await repo.creationSetup(body.categoryId, 'normal');
      if (!setup || setup.archivedAt) {
        throw validationFailed([{ field: 'categoryId', message: 'is not a category you can choose' }]);
      }
      for (let attempt = 1; ; attempt++) {
        try {
          const raised = await raise(caller, body, setup, drawReference());
          emails.wake();
          live.published();
          const viewer = await viewerOf(caller);
          if (raised.routed) return detail(viewer, raised.ticket.id);
          const row = raisedTicketRow(raised.ticket, raised.createdEventId, caller, setup.name);
          return toDetailView(viewer, row, now());
        } catch (error) {
          // References are drawn at random: another ticket may hold this one already.
          if (!isUniqueViolation(error, 'tickets_reference_unique')) throw error;
          if (attempt === REFERENCE_ATTEMPTS) {
            throw new Error(`no free ticket reference after ${REFERENCE_ATTEMPTS} attempts`);
          }
        }
      }
    },

    async list(caller: Caller, query: ListTicketsQuery): Promise<TicketPage> {
      const filter = listFilter(caller, query);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const reader = { id: caller.id, staff: caller.role !== 'customer' };
      const rows = await repo.page(filter, reader, limit + 1, decodeCursor(query.cursor));
      return summaryPage(caller.role, rows, limit, (row) => row.ticket.updatedAt);
    },

    /** The agent's queue: unassigned open tickets in their categories, oldest first. */
    async queue(caller: Caller, query: QueueQuery): Promise<TicketPage> {
      const viewer = await viewerOf(caller);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const reader = { id: caller.id, staff: true };
      const rows = await repo.queue([...viewer.categoryIds], reader, limit + 1, decodeCursor(query.cursor));
      return summaryPage(caller.role, rows, limit, (row) => row.ticket.createdAt);
    },

    /** One query: the ticket, its page's facts and the caller's categories for the access check. */
    async get(caller: Caller, raw: string): Promise<TicketDetail> {
      const key = parseTicketKey(raw);
      const row = key ? await readTicketDetail(db, key, caller) : undefined;
      const viewer: Viewer = { id: caller.id, role: caller.role, categoryIds: row?.viewerCategoryIds ?? [] };
      if (!row || !canSee(viewer, row.ticket)) throw notFound('Ticket');
      return toDetailView(viewer, row, now());
    },

    async messages(caller: Caller, raw: string, query: ListMessagesQuery): Promise<MessagePage> {
      const { viewer, record } = await load(caller, raw);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await repo.messages(
        record.ticket.id,
        canSeeInternal(viewer),
        limit + 1,
        decodeCursor(query.cursor),
      );
      const files = await listForMessages(
        db,
        rows.filter((row) => row.hasFiles).map((row) => row.message.id),
        viewer,
      );
      return toPage(
        rows,
        limit,
        (row): MessageView => toMessageView(row, viewer.role, files.get(row.message.id)),
        (row) => ({ createdAt: row.message.createdAt, id: row.message.id }),
      );
    },

    /** Admins: each active agent's active tickets by status. */
    async workload(query: QueueQuery): Promise<WorkloadPage> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await repo.workload(limit + 1, decodeCursor(query.cursor));
      return toPage(
        rows,
        limit,
        (row) => ({
          agent: { id: row.id, fullName: row.fullName },
          counts: {
            assigned: row.assigned,
            in_progress: row.inProgress,
            waiting_on_customer: row.waitingOnCustomer,
            reopened: row.reopened,
          },
          total: row.assigned + row.inProgress + row.waitingOnCustomer + row.reopened,
          oldestWaitingSince: row.oldestWaitingSince?.toISOString() ?? null,
        }),
        (row) => ({ createdAt: row.createdAt, id: row.id }),
      );
    },
  };
}
export type TicketsService = ReturnType<typeof createTicketsService>;
