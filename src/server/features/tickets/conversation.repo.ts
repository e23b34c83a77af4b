import { desc, eq, sql, type Column, type SQL } from 'drizzle-orm';
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

/**
 * When the reader last read the ticket. Correlated with the ticket rather than with each message, it
 * is looked up once per ticket and bounds the scan of its messages (an index condition); looked up
 * for every message, it cost list queries about a third of their database time. (Joined to the list
 * instead, it made PostgreSQL hash every user on small databases.)
 */
const readMarkOf = (ticketId: Column | SQL, readerId: unknown) =>
  sql`(select r.read_up_to from ticket_reads r where r.ticket_id = ${ticketId} and r.user_id = ${readerId}::uuid)`;

/** Messages of `ticketId` from others, that the reader may see, since the reader last read it. */
const unreadCondition = (ticketId: Column | SQL, reader: ReaderParams) => sql`
  m.ticket_id = ${ticketId}
  and m.created_at > coalesce(${readMarkOf(ticketId, reader.id)}, '-infinity'::timestamptz)
  and m.author_id <> ${reader.id}::uuid
  and (${reader.staff} or not m.internal)`;

/** Messages from others since the reader last read the ticket (at most UNREAD_CAP + 1), as a column. */
export const unreadCountColumn = (ticketId: Column, reader: ReaderParams) =>
  sql<number>`(select count(*)::int from (
      select 1 from ticket_messages m
      where ${unreadCondition(ticketId, reader)}
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
                          where ${unreadCondition(sql`t.id`, reader)})`,
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
