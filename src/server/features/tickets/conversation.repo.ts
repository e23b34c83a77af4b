import { and, desc, eq, sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../../db/connection.js';
import { ticketRatings, ticketReads, tickets } from '../../db/schema.js';

/** Unread counts stop here: a badge says "99+", and nobody's thread is counted to the end. */
export const UNREAD_CAP = 99;

export interface Reader {
  id: string;
  /** Staff also count internal notes. */
  staff: boolean;
}

/** `reader`: values, or placeholders of a prepared query. */
type ReaderParams = { id: unknown; staff: unknown };

/** When the reader last read the ticket, as a scalar subquery (one ticket's page, the unread summary). */
const readMarkOf = (ticketId: Column | SQL, readerId: unknown) =>
  sql`(select r.read_up_to from ticket_reads r where r.ticket_id = ${ticketId} and r.user_id = ${readerId}::uuid)`;

/**
 * The reader's read mark, joined to a list's tickets (`readMarkJoin`): one primary-key lookup per row,
 * and the unread count scans only the messages after it. As a subquery inside the count, it cost
 * list queries about a third of their database time.
 */
export const readerRead = alias(ticketReads, 'reader_read');
export const readMarkJoin = (readerId: unknown) =>
  and(eq(readerRead.ticketId, tickets.id), sql`${readerRead.userId} = ${readerId}::uuid`);

/** Messages of `ticketId` from others, that the reader may see, after `readMark` (null: never read). */
const unreadCondition = (ticketId: Column | SQL, reader: ReaderParams, readMark: SQL | Column) => sql`
  m.ticket_id = ${ticketId}
  and m.created_at > coalesce(${readMark}, '-infinity'::timestamptz)
  and m.author_id <> ${reader.id}::uuid
  and (${reader.staff} or not m.internal)`;

/**
 * Messages from others since the reader last read the ticket (at most UNREAD_CAP + 1), as a column.
 * `readMark`: readerRead.readUpTo where the query joins readMarkJoin.
 */
export const unreadCountColumn = (
  ticketId: Column,
  reader: ReaderParams,
  readMark: SQL | Column = readMarkOf(ticketId, reader.id),
) =>
  sql<number>`(select count(*)::int from (
      select 1 from ticket_messages m
      where ${unreadCondition(ticketId, reader, readMark)}
      limit ${sql.raw(String(UNREAD_CAP + 1))}) capped)`;

export function createConversationRepo(db: Db) {
  return {
    /** How many of the reader's own tickets (as customer or assigned agent) have unread messages. */
    async ticketsWithUnread(reader: Reader, as: 'customer' | 'agent'): Promise<number> {
      const mine =
        as === 'customer' ? sql`t.customer_id = ${reader.id}::uuid` : sql`t.agent_id = ${reader.id}::uuid`;
      const rows = await queryRows<{ count: number }>(
        db,
        sql`select count(*)::int as count from tickets t
            where ${mine} and t.status <> 'closed'
              and exists (select 1 from ticket_messages m
                          where ${unreadCondition(sql`t.id`, reader, readMarkOf(sql`t.id`, reader.id))})`,
      );
      return rows[0]?.count ?? 0;
    },

    /** Moves the reader's mark forward (never back); true when it moved. */
    async markRead(ticketId: string, userId: string, upTo: Date): Promise<boolean> {
      const rows = await db
        .insert(ticketReads)
        .values({ ticketId, userId, readUpTo: upTo })
        .onConflictDoUpdate({
          target: [ticketReads.ticketId, ticketReads.userId],
          set: { readUpTo: upTo },
          setWhere: sql`${ticketReads.readUpTo} < ${upTo}`,
        })
        .returning({ userId: ticketReads.userId });
      return rows.length > 0;
    },

    async latestRating(ticketId: string) {
      const rows = await db
        .select()
        .from(ticketRatings)
        .where(eq(ticketRatings.ticketId, ticketId))
        .orderBy(desc(ticketRatings.createdAt))
        .limit(1);
      return rows[0];
    },

    /** False when this resolution was already rated. */
    async insertRating(rating: typeof ticketRatings.$inferInsert): Promise<boolean> {
      const rows = await db
        .insert(ticketRatings)
        .values(rating)
        .onConflictDoNothing({ target: [ticketRatings.ticketId, ticketRatings.resolvedAt] })
        .returning({ id: ticketRatings.id });
      return rows.length > 0;
    },

    async lockTicket(id: string) {
      const rows = await db.select().from(tickets).where(eq(tickets.id, id)).for('update');
      return rows[0];
    },
  };
}
export type ConversationRepo = ReturnType<typeof createConversationRepo>;
