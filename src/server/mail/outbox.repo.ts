import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/connection.js';
import { outboxEmails, type OutboxEmailRow } from '../db/schema.js';

export type NewOutboxEmail = Pick<
  OutboxEmailRow,
  'messageId' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'headers' | 'kind'
>;

/** What a claim answers: the columns the worker needs to send (raw SQL, so snake_case). */
interface ClaimedRow {
  id: string;
  message_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  attempts: number;
}

export interface ClaimedEmail {
  id: string;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Including the attempt this claim starts. */
  attempts: number;
}

/** The SQL of the outbox's delivery side; the database clock decides what is due. */
export function createOutboxRepo(db: Db) {
  return {
    insertWrite: (values: NewOutboxEmail) => db.insert(outboxEmails).values(values),

    async insert(values: NewOutboxEmail): Promise<OutboxEmailRow> {
      const rows = await db.insert(outboxEmails).values(values).returning();
      const row = rows[0];
      if (!row) throw new Error('outbox insert returned no row');
      return row;
    },

    /** The pending email of a group, locked until the transaction ends (undefined once it was claimed). */
    async lockPendingGroup(groupKey: string): Promise<OutboxEmailRow | undefined> {
      const rows = await db
        .select()
        .from(outboxEmails)
        .where(and(eq(outboxEmails.groupKey, groupKey), eq(outboxEmails.status, 'pending')))
        .for('update');
      return rows[0];
    },

    /**
     * Starts a group's email, due after `delayMs` by the database clock. Answers undefined when another
     * transaction started the same group first (the partial unique index on pending group keys).
     */
    async insertGroup(
      values: NewOutboxEmail & { groupKey: string; createdAt: Date },
      delayMs: number,
    ): Promise<OutboxEmailRow | undefined> {
      const rows = await db
        .insert(outboxEmails)
        .values({ ...values, nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})` })
        .onConflictDoNothing({
          target: outboxEmails.groupKey,
          // Repeats the index's predicate, or PostgreSQL finds no unique index to arbitrate on.
          where: sql`status = 'pending' and group_key is not null`,
        })
        .returning();
      return rows[0];
    },

    /** Replaces what a pending email says (its Message-ID, time and delivery state stay). */
    async updateContent(id: string, content: Omit<NewOutboxEmail, 'messageId'>): Promise<OutboxEmailRow> {
      const rows = await db.update(outboxEmails).set(content).where(eq(outboxEmails.id, id)).returning();
      const row = rows[0];
      if (!row) throw new Error('outbox update returned no row');
      return row;
    },

    /**
     * Takes up to `limit` due emails of each kind for this worker alone: pending ones whose time has
     * come, and `sending` ones whose worker let the lock run out (it crashed mid-send). SKIP LOCKED lets
     * several instances claim at once without waiting on, or getting, each other's rows. A claimed
     * email leaves its group: the group's next event starts a new email, and a retry going back to
     * pending never collides with that one. The two kinds are two index scans that stop at `limit`
     * (an `or` of both made PostgreSQL read every entry that sent emails had left in the index: 100
     * ms a claim after a benchmark's worth of emails).
     */
    async claim(limit: number, lockMs: number): Promise<ClaimedEmail[]> {
      const rows = await queryRows<ClaimedRow>(
        db,
        sql`update outbox_emails
            set status = 'sending',
                attempts = attempts + 1,
                group_key = null,
                locked_until = now() + make_interval(secs => ${lockMs / 1000})
            where id in (
              select id from (
                select id from outbox_emails
                where status = 'pending' and next_attempt_at <= now()
                order by next_attempt_at limit ${limit}
                for update skip locked) due
              union all
              select id from (
                select id from outbox_emails
                where status = 'sending' and locked_until < now()
                order by locked_until limit ${limit}
                for update skip locked) abandoned
            )
            returning id, message_id, to_address, subject, text_body, html_body, headers, attempts`,
      );
      return rows.map((row) => ({
        id: row.id,
        messageId: row.message_id,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: row.headers,
        attempts: row.attempts,
      }));
    },

    /** A round's sent emails, in one statement. */
    async markSent(ids: string[], transport: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(outboxEmails)
        .set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null, transport })
        .where(and(inArray(outboxEmails.id, ids), eq(outboxEmails.status, 'sending')));
    },

    /** Back to pending, to be tried again after `delayMs`. */
    async markRetry(id: string, error: string, delayMs: number): Promise<void> {
      await db
        .update(outboxEmails)
        .set({
          status: 'pending',
          lockedUntil: null,
          lastError: error,
          nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
        })
        .where(and(eq(outboxEmails.id, id), eq(outboxEmails.status, 'sending')));
    },

    async markFailed(id: string, error: string): Promise<void> {
      await db
        .update(outboxEmails)
        .set({ status: 'failed', lockedUntil: null, lastError: error })
        .where(and(eq(outboxEmails.id, id), eq(outboxEmails.status, 'sending')));
    },
  };
}
