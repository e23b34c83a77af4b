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
  kind: string;
  render_from: Record<string, string> | null;
  created_at: Date;
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
  kind: string;
  /** Set for an email written as it is sent (see `renderFrom` in the schema). */
  renderFrom: Record<string, string> | null;
  createdAt: Date;
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

    /**
     * Starts a group's email, due after `delayMs` by the database clock, as a write still to run (for
     * writeTogether). While the group's email is pending it does nothing: the event joined it. Two
     * transactions starting the same group at once meet on the partial unique index on pending group
     * keys, and the second one's insert does nothing.
     */
    startGroupWrite(
      values: NewOutboxEmail & { groupKey: string; createdAt: Date; renderFrom: Record<string, string> },
      delayMs: number,
    ) {
      return db
        .insert(outboxEmails)
        .values({ ...values, nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})` })
        .onConflictDoNothing({
          target: outboxEmails.groupKey,
          // Repeats the index's predicate, or PostgreSQL finds no unique index to arbitrate on.
          where: sql`status = 'pending' and group_key is not null`,
        });
    },

    /** When the group's pending email started, if one is pending. */
    async pendingGroupStart(groupKey: string): Promise<Date | undefined> {
      const rows = await db
        .select({ createdAt: outboxEmails.createdAt })
        .from(outboxEmails)
        .where(and(eq(outboxEmails.groupKey, groupKey), eq(outboxEmails.status, 'pending')));
      return rows[0]?.createdAt;
    },

    /** Writes what a claimed email says, rendered as it is sent; retries send this again. */
    async writeContent(id: string, content: Omit<NewOutboxEmail, 'messageId'>): Promise<void> {
      await db
        .update(outboxEmails)
        .set({ ...content, renderFrom: null })
        .where(and(eq(outboxEmails.id, id), eq(outboxEmails.status, 'sending')));
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
            returning id, message_id, to_address, subject, text_body, html_body, headers, attempts, kind,
                      render_from, created_at`,
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
        kind: row.kind,
        renderFrom: row.render_from,
        createdAt: new Date(row.created_at),
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
