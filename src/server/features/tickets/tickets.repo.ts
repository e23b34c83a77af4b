import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  ilike,
  inArray,
  isNull,
  lt,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { type SelectedFields } from 'drizzle-orm/pg-core';
import type { Language } from '../../../shared/languages.js';
import { SLA_AT_RISK_MS, type SlaFilter } from '../../../shared/contracts/sla.js';
import { ACTIVE_STATUSES, type TicketPriority, type TicketStatus } from '../../../shared/tickets.js';
import type { Db } from '../../db/connection.js';
import {
  agentCategories,
  categories,
  ticketEvents,
  ticketMessages,
  tickets,
  users,
  type TicketRow,
} from '../../db/schema.js';
import { afterCursor, afterCursorPlaceholders, literalLimit, type Cursor } from '../../db/keyset.js';
import { builtOncePer, preparedPerShape } from '../../db/prepared.js';
import { hasTag, tagNamesColumn } from '../tags/tags.repo.js';
import { unreadCountColumn, type Reader } from './conversation.repo.js';
import type { ListedTicket, MessageRecord, TicketRecord } from './tickets.view.js';
import { clockSettingsColumn, toClockSettings } from '../sla/sla.repo.js';
import { onlineColumn } from '../presence/presence.service.js';

export type NewTicket = typeof tickets.$inferInsert;
export type TicketChanges = Partial<
  Pick<
    NewTicket,
    | 'agentId'
    | 'status'
    | 'updatedAt'
    | 'resolvedAt'
    | 'priority'
    | 'firstResponseAt'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'resolutionRemainingMs'
    | 'firstResponseBreached'
    | 'resolutionBreached'
  >
>;
export type NewEvent = typeof ticketEvents.$inferInsert;
export type NewMessage = typeof ticketMessages.$inferInsert;

export interface TicketFilter {
  customerId?: string;
  agentId?: string;
  status?: TicketStatus;
  categoryId?: string;
  unassigned?: boolean;
  createdFrom?: Date;
  createdBefore?: Date;
  /** A reference, a customer's email, or part of the subject. */
  search?: string;
  priority?: TicketPriority;
  /** Against the next unmet due time (sla_due_at, indexed), as of `now`. */
  sla?: { kind: SlaFilter; now: Date };
  /** A tag's name (staff lists). */
  tag?: string;
}

const ACTIVE = [...ACTIVE_STATUSES];

/**
 * A ticket's record: the ticket (`ticket`) with the names its views show, and `fields` besides.
 * The people's names are looked up per row by primary key, not joined: a page has a few dozen rows,
 * and with the joins PostgreSQL planned each execution of a small database's deeper pages anew and
 * hashed every user to do it (docs/benchmarks.md). Every ticket has a customer (a foreign key). The
 * category stays joined: it is small, and a join makes Drizzle qualify every column with its table,
 * which the correlated subqueries of callers rely on.
 */
function selectRecordsOf<Fields extends SelectedFields>(db: Db, fields: Fields) {
  return db
    .select({
      ...fields,
      categoryName: categories.name,
      agentName: sql<string | null>`(select a.full_name from ${users} a where a.id = ${tickets.agentId})`,
      customerName: sql<string>`(select u.full_name from ${users} u where u.id = ${tickets.customerId})`,
      customerEmail: sql<string>`(select u.email from ${users} u where u.id = ${tickets.customerId})`,
    })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId));
}

export const selectRecords = <Extra extends Record<string, SQL.Aliased | SQL>>(db: Db, extra: Extra) =>
  selectRecordsOf(db, { ticket: tickets, ...extra });

/** What a list row reads of a ticket: every column but the description, which can be long. */
const { description, ...listedTicketColumns } = getTableColumns(tickets);

/** The categories an agent handles (none for anyone else), as a column of a ticket query. */
export const agentCategoryIdsColumn = (agentId: unknown) =>
  sql<string[]>`(select coalesce(array_agg(ac.category_id), '{}') from agent_categories ac
                 where ac.agent_id = ${agentId}::uuid)`;

/** A list row: the record, the reader's unread count and (staff only) the tags. */
export interface ListRecord extends TicketRecord<ListedTicket> {
  unread: number;
  tags: string[] | null;
}

/** List rows (ListRecord) for `reader`. */
const selectListRecords = (db: Db, reader: { id: unknown; staff: unknown }) =>
  selectRecordsOf(db, {
    ticket: listedTicketColumns,
    unread: unreadCountColumn(tickets.id, reader).as('unread'),
    tags: tagNamesColumn(tickets.id, reader.staff).as('tags'),
  });

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * What a list query looks like, apart from its values: which filters it has, whether it starts after a
 * cursor, and its page size (written into the text, see literalLimit). One statement is built per
 * shape and kept: building a Drizzle query cost more app time than anything else in a list request.
 */
interface PageShape {
  filters: (keyof TicketFilter)[];
  sla: SlaFilter | undefined;
  after: boolean;
  limit: number;
}

const pageShape = (filter: TicketFilter, limit: number, after?: Cursor): PageShape => ({
  filters: (Object.keys(filter) as (keyof TicketFilter)[]).filter((key) => filter[key] !== undefined).sort(),
  sla: filter.sla?.kind,
  after: after !== undefined,
  limit,
});

/** The values of a list query's placeholders. */
function pageValues(filter: TicketFilter, reader: Reader, after?: Cursor) {
  const search = filter.search?.trim();
  const now = filter.sla?.now;
  return {
    readerId: reader.id,
    staff: reader.staff,
    customerId: filter.customerId,
    agentId: filter.agentId,
    status: filter.status,
    categoryId: filter.categoryId,
    createdFrom: filter.createdFrom,
    createdBefore: filter.createdBefore,
    searchReference: search?.toUpperCase(),
    searchEmail: search?.toLowerCase(),
    searchPattern: search === undefined ? undefined : `%${escapeLike(search)}%`,
    priority: filter.priority,
    now,
    atRiskUntil: now && new Date(now.getTime() + SLA_AT_RISK_MS),
    tag: filter.tag?.trim(),
    cursorTime: after?.createdAt,
    cursorId: after?.id,
  };
}

const $ = (name: keyof ReturnType<typeof pageValues>) => sql.placeholder(name);

function buildPage(db: Db, shape: PageShape) {
  const has = (key: keyof TicketFilter) => shape.filters.includes(key);
  const conditions = [
    has('customerId') ? eq(tickets.customerId, $('customerId')) : undefined,
    has('agentId') ? eq(tickets.agentId, $('agentId')) : undefined,
    has('status') ? eq(tickets.status, $('status')) : undefined,
    has('categoryId') ? eq(tickets.categoryId, $('categoryId')) : undefined,
    has('unassigned') ? isNull(tickets.agentId) : undefined,
    has('createdFrom') ? gte(tickets.createdAt, $('createdFrom')) : undefined,
    has('createdBefore') ? lt(tickets.createdAt, $('createdBefore')) : undefined,
    has('search')
      ? or(
          eq(tickets.reference, $('searchReference')),
          sql`${tickets.customerId} = (select u.id from ${users} u where u.email = ${$('searchEmail')})`,
          ilike(tickets.subject, $('searchPattern')),
        )
      : undefined,
    has('priority') ? eq(tickets.priority, $('priority')) : undefined,
    shape.sla === 'breached' ? lte(tickets.slaDueAt, $('now')) : undefined,
    shape.sla === 'at_risk'
      ? and(gt(tickets.slaDueAt, $('now')), lte(tickets.slaDueAt, $('atRiskUntil')))
      : undefined,
    has('tag') ? hasTag(tickets.id, $('tag')) : undefined,
    shape.after ? afterCursorPlaceholders(tickets.updatedAt, tickets.id, 'desc') : undefined,
  ];
  return selectListRecords(db, { id: $('readerId'), staff: $('staff') })
    .where(and(...conditions))
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(literalLimit(shape.limit));
}

const preparedPage = preparedPerShape('tickets_page', buildPage);

/** The unassigned queue's statement: one per shape (whether it starts after a cursor, its page size). */
interface QueueShape {
  after: boolean;
  limit: number;
}

const buildQueue = (db: Db, shape: QueueShape) =>
  selectListRecords(db, { id: sql.placeholder('readerId'), staff: sql.placeholder('staff') })
    .where(
      and(
        isNull(tickets.agentId),
        eq(tickets.status, 'open'),
        sql`${tickets.categoryId} = any(${sql.placeholder('categoryIds')}::uuid[])`,
        shape.after ? afterCursorPlaceholders(tickets.createdAt, tickets.id, 'asc') : undefined,
      ),
    )
    .orderBy(asc(tickets.createdAt), asc(tickets.id))
    .limit(literalLimit(shape.limit));

const preparedQueue = preparedPerShape('tickets_queue', buildQueue);

/** Every ticket route looks its ticket up: built once per key kind. */
const buildFind = (db: Db, by: 'id' | 'reference') =>
  selectRecords(db, {
    viewerCategoryIds: agentCategoryIdsColumn(sql.placeholder('viewerId')).as('viewer_category_ids'),
  })
    .where(eq(by === 'id' ? tickets.id : tickets.reference, sql.placeholder('key')))
    .limit(literalLimit(1))
    .prepare(`ticket_find_by_${by}`);
const ticketById = builtOncePer((db) => buildFind(db, 'id'));
const ticketByReference = builtOncePer((db) => buildFind(db, 'reference'));

/** Every new ticket reads its category and its service-level clock first: built once. */
const creationSetupQuery = builtOncePer((db) =>
  db
    .select({
      id: categories.id,
      name: categories.name,
      autoAssign: categories.autoAssign,
      archivedAt: categories.archivedAt,
      clock: clockSettingsColumn(sql.placeholder('priority')),
    })
    .from(categories)
    .where(eq(categories.id, sql.placeholder('categoryId')))
    .prepare('ticket_creation_setup'),
);

interface ThreadShape {
  includeInternal: boolean;
  after: boolean;
  limit: number;
}

/** A page of a thread, oldest first; keyset on (created_at, id). Built once per shape, like list pages. */
function buildThread(db: Db, shape: ThreadShape) {
  return db
    .select({
      message: ticketMessages,
      authorName: users.fullName,
      authorRole: users.role,
      // Most messages have no files: only pages with some ask for them.
      hasFiles: sql<boolean>`exists (select 1 from attachments a where a.message_id = ${ticketMessages.id})`,
    })
    .from(ticketMessages)
    .innerJoin(users, eq(users.id, ticketMessages.authorId))
    .where(
      and(
        eq(ticketMessages.ticketId, sql.placeholder('ticketId')),
        shape.includeInternal ? undefined : eq(ticketMessages.internal, false),
        shape.after ? afterCursorPlaceholders(ticketMessages.createdAt, ticketMessages.id, 'asc') : undefined,
      ),
    )
    .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id))
    .limit(literalLimit(shape.limit));
}

const preparedThread = preparedPerShape('ticket_thread', buildThread);

export function createTicketsRepo(db: Db) {
  return {
    /** What raising a ticket in a category needs to know, in one query: the category, and the clock of its due times. */
    async creationSetup(categoryId: string, priority: TicketPriority) {
      const rows = await creationSetupQuery(db).execute({ categoryId, priority });
      const row = rows[0];
      return row && { ...row, clock: toClockSettings(row.clock) };
    },

    /**
     * Locks a category against other routing decisions until the transaction ends, so two tickets
     * created at once never both count an agent's load before the other is written. (FOR NO KEY
     * UPDATE does not block the foreign-key checks of other writers.)
     */
    async lockCategory(id: string): Promise<void> {
      await db
        .select({ id: categories.id })
        .from(categories)
        .where(eq(categories.id, id))
        .for('no key update');
    },

    /** The least-loaded active agent who handles the category and speaks the language. */
    async chooseAgent(categoryId: string, language: Language): Promise<string | undefined> {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .innerJoin(
          agentCategories,
          and(eq(agentCategories.agentId, users.id), eq(agentCategories.categoryId, categoryId)),
        )
        .leftJoin(tickets, and(eq(tickets.agentId, users.id), inArray(tickets.status, ACTIVE)))
        .where(
          and(
            eq(users.role, 'agent'),
            eq(users.status, 'active'),
            sql`${language} = any(${users.languages})`,
          ),
        )
        .groupBy(users.id)
        .orderBy(asc(count(tickets.id)), sql`${users.lastAssignedAt} asc nulls first`, asc(users.id))
        .limit(literalLimit(1));
      return rows[0]?.id;
    },

    async markAssigned(agentId: string, at: Date): Promise<void> {
      await db.update(users).set({ lastAssignedAt: at }).where(eq(users.id, agentId));
    },

    async findActiveAgent(id: string) {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), eq(users.role, 'agent'), eq(users.status, 'active')));
      return rows[0];
    },

    async agentCategoryIds(agentId: string): Promise<string[]> {
      const rows = await db
        .select({ id: agentCategories.categoryId })
        .from(agentCategories)
        .where(eq(agentCategories.agentId, agentId));
      return rows.map((row) => row.id);
    },

    /** A write still to run (writeTogether); a taken reference fails it with a unique violation. */
    insertTicketWrite: (ticket: NewTicket & { id: string }) => db.insert(tickets).values(ticket),

    insertEventWrite: (event: NewEvent) => db.insert(ticketEvents).values(event),

    async insertEvent(event: NewEvent): Promise<void> {
      await db.insert(ticketEvents).values(event);
    },

    /** A message as a write still to run (for writeTogether); its id and time are chosen by the app. */
    insertMessageWrite: (message: NewMessage) => db.insert(ticketMessages).values(message),

    /** The ticket, and the categories of `viewerId` when an agent (for the access check), in one query. */
    async find(
      key: { id: string } | { reference: string },
      viewerId: string,
    ): Promise<(TicketRecord & { viewerCategoryIds: string[] }) | undefined> {
      const query = 'id' in key ? ticketById(db) : ticketByReference(db);
      const rows = await query.execute({ key: 'id' in key ? key.id : key.reference, viewerId });
      return rows[0];
    },

    /** Locks the ticket's row for the rest of the transaction and answers its current state. */
    async lockTicket(id: string): Promise<TicketRow | undefined> {
      const rows = await db.select().from(tickets).where(eq(tickets.id, id)).for('update');
      return rows[0];
    },

    /**
     * lockTicket for a public message, with the person on the other side of the conversation from
     * `authorId` (the agent when the customer writes, the customer otherwise) and whether they are
     * online: who hears of it by email.
     */
    async lockTicketWithRecipient(id: string, authorId: string, now: Date) {
      const rows = await db
        .select({
          ticket: tickets,
          recipient: {
            id: users.id,
            email: users.email,
            status: users.status,
            notifyTicketUpdates: users.notifyTicketUpdates,
          },
          online: onlineColumn(users.id, now),
        })
        .from(tickets)
        .leftJoin(
          users,
          eq(
            users.id,
            sql`case when ${tickets.customerId} = ${authorId} then ${tickets.agentId} else ${tickets.customerId} end`,
          ),
        )
        .where(eq(tickets.id, id))
        .for('update', { of: tickets });
      return rows[0];
    },

    /** Waits for the changes holding the ticket's lock to commit (they keep it), and answers the ticket. */
    async waitForTicket(id: string): Promise<TicketRow | undefined> {
      const rows = await db.select().from(tickets).where(eq(tickets.id, id)).for('key share');
      return rows[0];
    },

    /**
     * Applies a change only if nobody changed the ticket since `version` (and `extra` still holds);
     * undefined means it was stale.
     */
    async updateIfVersion(id: string, version: number, changes: TicketChanges, extra?: SQL) {
      const rows = await db
        .update(tickets)
        .set({ ...changes, version: sql`${tickets.version} + 1` })
        .where(and(eq(tickets.id, id), eq(tickets.version, version), extra))
        .returning({ id: tickets.id });
      return rows[0];
    },

    /** Applies a change (and bumps the version), as a write still to run (writeTogether, or awaited). */
    updateWrite: (id: string, changes: TicketChanges) =>
      db
        .update(tickets)
        .set({ ...changes, version: sql`${tickets.version} + 1` })
        .where(eq(tickets.id, id)),

    /** Most recent activity first; keyset on (updated_at, id). */
    async page(filter: TicketFilter, reader: Reader, limit: number, after?: Cursor): Promise<ListRecord[]> {
      const query = preparedPage(db, pageShape(filter, limit, after));
      return await query.execute(pageValues(filter, reader, after));
    },

    /** Unassigned open tickets in these categories, oldest first; keyset on (created_at, id). */
    async queue(categoryIds: string[], reader: Reader, limit: number, after?: Cursor): Promise<ListRecord[]> {
      if (categoryIds.length === 0) return [];
      return preparedQueue(db, { after: after !== undefined, limit }).execute({
        readerId: reader.id,
        staff: reader.staff,
        categoryIds,
        cursorTime: after?.createdAt,
        cursorId: after?.id,
      });
    },

    /** The thread, oldest first; keyset on (created_at, id). */
    async messages(
      ticketId: string,
      includeInternal: boolean,
      limit: number,
      after?: Cursor,
    ): Promise<(MessageRecord & { hasFiles: boolean })[]> {
      const query = preparedThread(db, { includeInternal, after: after !== undefined, limit });
      return await query.execute({ ticketId, cursorTime: after?.createdAt, cursorId: after?.id });
    },

    /** A message its author already sent with this client id (a retried send). */
    async messageByClientId(authorId: string, clientId: string): Promise<MessageRecord | undefined> {
      const rows = await db
        .select({ message: ticketMessages, authorName: users.fullName, authorRole: users.role })
        .from(ticketMessages)
        .innerJoin(users, eq(users.id, ticketMessages.authorId))
        .where(and(eq(ticketMessages.authorId, authorId), eq(ticketMessages.clientId, clientId)))
        .limit(literalLimit(1));
      return rows[0];
    },

    /**
     * The public messages since `since` (and before `before`, if given) from one side of the
     * conversation (the customer's, or our team's), oldest first, up to `limit`, and how many there are
     * in all.
     */
    async repliesSince(
      ticket: { id: string; customerId: string },
      side: 'customer' | 'staff',
      window: { since: Date; before: Date | undefined },
      limit: number,
    ): Promise<{ replies: MessageRecord[]; total: number }> {
      const where = and(
        eq(ticketMessages.ticketId, ticket.id),
        eq(ticketMessages.internal, false),
        side === 'customer'
          ? eq(ticketMessages.authorId, ticket.customerId)
          : ne(ticketMessages.authorId, ticket.customerId),
        gte(ticketMessages.createdAt, window.since),
        window.before ? lt(ticketMessages.createdAt, window.before) : undefined,
      );
      // The count of all of them comes with the first `limit`, as a window over the whole match.
      const rows = await db
        .select({
          message: ticketMessages,
          authorName: users.fullName,
          authorRole: users.role,
          total: sql<number>`(count(*) over ())::int`,
        })
        .from(ticketMessages)
        .innerJoin(users, eq(users.id, ticketMessages.authorId))
        .where(where)
        .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id))
        .limit(limit);
      return { replies: rows.map(({ total: _total, ...reply }) => reply), total: rows[0]?.total ?? 0 };
    },

    /** Locks and answers the agent's tickets that still need work. */
    async lockActiveOf(agentId: string) {
      return db
        .select({
          id: tickets.id,
          reference: tickets.reference,
          status: tickets.status,
          customerId: tickets.customerId,
          version: tickets.version,
        })
        .from(tickets)
        .where(and(eq(tickets.agentId, agentId), inArray(tickets.status, ACTIVE)))
        .for('update');
    },

    async unassign(ids: string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(tickets)
        .set({ agentId: null, status: 'open', updatedAt: at, version: sql`${tickets.version} + 1` })
        .where(inArray(tickets.id, ids));
    },

    /** Active agents, oldest account first, with their active tickets counted by status. */
    async workload(limit: number, after?: Cursor) {
      const countOf = (status: TicketStatus) =>
        sql<number>`count(${tickets.id}) filter (where ${tickets.status} = ${status})`.mapWith(Number);
      return db
        .select({
          id: users.id,
          fullName: users.fullName,
          createdAt: users.createdAt,
          assigned: countOf('assigned'),
          inProgress: countOf('in_progress'),
          waitingOnCustomer: countOf('waiting_on_customer'),
          reopened: countOf('reopened'),
          oldestWaitingSince: sql<Date | null>`min(${tickets.updatedAt})`.mapWith(tickets.updatedAt),
        })
        .from(users)
        .leftJoin(tickets, and(eq(tickets.agentId, users.id), inArray(tickets.status, ACTIVE)))
        .where(
          and(
            eq(users.role, 'agent'),
            eq(users.status, 'active'),
            afterCursor(users.createdAt, users.id, after, 'asc'),
          ),
        )
        .groupBy(users.id)
        .orderBy(asc(users.createdAt), asc(users.id))
        .limit(limit);
    },
  };
}
export type TicketsRepo = ReturnType<typeof createTicketsRepo>;
