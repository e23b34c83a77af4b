import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/connection.js';

export interface OutboxBacklog {
  pending: number;
  failed: number;
  /** How long the oldest due email has waited past its send time; 0 when none is due. */
  oldestDueSeconds: number;
}

/** Read-only counts for the scrape; every subquery walks outbox_emails_claim_idx (status, next_attempt_at). */
export function createMetricsRepo(db: Db) {
  return {
    async outboxBacklog(): Promise<OutboxBacklog> {
      const rows = await queryRows<{ pending: number; failed: number; oldest_due_seconds: number | null }>(
        db,
        sql`select
          (select count(*)::int from outbox_emails where status = 'pending') as pending,
          (select count(*)::int from outbox_emails where status = 'failed') as failed,
          (select extract(epoch from now() - min(next_attempt_at))::float8
             from outbox_emails where status = 'pending' and next_attempt_at <= now()) as oldest_due_seconds`,
      );
      const row = rows[0];
      return {
        pending: Number(row?.pending ?? 0),
        failed: Number(row?.failed ?? 0),
        oldestDueSeconds: Math.max(0, Number(row?.oldest_due_seconds ?? 0)),
      };
    },
  };
}

export type MetricsRepo = ReturnType<typeof createMetricsRepo>;
