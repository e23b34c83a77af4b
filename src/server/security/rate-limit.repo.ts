import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../db/connection.js';
import { AppError } from '../errors.js';

export interface Hit {
  hits: number;
  resetAt: Date;
}

/**
 * Fixed-window counters in the database, so that every app instance shares them. One statement
 * counts the hit and starts a new window when the old one is over.
 *
 * A hit commits without waiting for the disk (`synchronous_commit` off for its own statement): the
 * counter's row stays locked until the commit, and every send of one busy sender queued behind the
 * previous one's fsync. A crash of PostgreSQL may forget the last fraction of a second of hits, which a
 * limit can afford. Only ever on its own, never in a transaction: the setting would last to its commit.
 */
export function createRateLimitRepo(db: Db) {
  return {
    async hit(key: string, windowSeconds: number): Promise<Hit> {
      if (db instanceof PgTransaction) throw new Error('a rate-limit hit must not run in a transaction');
      const rows = await queryRows<{ hits: number; reset_at: string | Date }>(
        db,
        sql`
        with no_wait as (select set_config('synchronous_commit', 'off', true))
        insert into rate_limit_buckets (key, hits, reset_at)
        select ${key}, 1, now() + make_interval(secs => ${windowSeconds}) from no_wait
        on conflict (key) do update set
          hits = case when rate_limit_buckets.reset_at <= now() then 1 else rate_limit_buckets.hits + 1 end,
          reset_at = case when rate_limit_buckets.reset_at <= now()
            then now() + make_interval(secs => ${windowSeconds}) else rate_limit_buckets.reset_at end
        returning hits, reset_at`,
      );
      const row = rows[0];
      if (!row) throw new Error('rate limit upsert returned no row');
      return { hits: row.hits, resetAt: new Date(row.reset_at) };
    },

    async clear(key: string): Promise<void> {
      await db.execute(sql`delete from rate_limit_buckets where key = ${key}`);
    },

    async deleteExpired(): Promise<void> {
      await db.execute(sql`delete from rate_limit_buckets where reset_at <= now()`);
    },
  };
}
export type RateLimitRepo = ReturnType<typeof createRateLimitRepo>;

export interface Limit {
  max: number;
  windowSeconds: number;
}

/** Limits on one action per account and per client address (sign-in, reset requests). */
export interface AccountAndIpLimits {
  perAccount: Limit;
  perIp: Limit;
}

/** Counts a hit; past the limit, throws 429 with Retry-After and the given message. */
export async function enforceLimit(
  repo: RateLimitRepo,
  key: string,
  limit: Limit,
  message: string,
): Promise<void> {
  const { hits, resetAt } = await repo.hit(key, limit.windowSeconds);
  if (hits <= limit.max) return;
  const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  throw new AppError('RATE_LIMITED', 429, message, undefined, { 'retry-after': String(retryAfter) });
}
