import { and, desc, eq, sql } from 'drizzle-orm';
import type { MailStatus } from '../../../shared/contracts/mail.js';
import type { Db } from '../../db/connection.js';
import { afterCursor, type Cursor } from '../../db/keyset.js';
import { outboxEmails, type OutboxEmailRow } from '../../db/schema.js';

export function createMailLogRepo(db: Db) {
  return {
    /** Newest first; keyset on (created_at, id). */
    async page(
      filter: { status?: MailStatus; kind?: string },
      limit: number,
      after?: Cursor,
    ): Promise<OutboxEmailRow[]> {
      return db
        .select()
        .from(outboxEmails)
        .where(
          and(
            filter.status ? eq(outboxEmails.status, filter.status) : undefined,
            filter.kind ? eq(outboxEmails.kind, filter.kind) : undefined,
            afterCursor(outboxEmails.createdAt, outboxEmails.id, after, 'desc'),
          ),
        )
        .orderBy(desc(outboxEmails.createdAt), desc(outboxEmails.id))
        .limit(limit);
    },

    async findById(id: string): Promise<OutboxEmailRow | undefined> {
      const rows = await db.select().from(outboxEmails).where(eq(outboxEmails.id, id)).limit(1);
      return rows[0];
    },

    /** A failed email back to pending, due now, with its attempts counted afresh; undefined if not failed. */
    async retryFailed(id: string): Promise<OutboxEmailRow | undefined> {
      const rows = await db
        .update(outboxEmails)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: sql`now()`,
          lockedUntil: null,
          lastError: null,
        })
        .where(and(eq(outboxEmails.id, id), eq(outboxEmails.status, 'failed')))
        .returning();
      return rows[0];
    },
  };
}
