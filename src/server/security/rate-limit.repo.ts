import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/connection.js';

export interface Hit {
  hits: number;
  resetAt: Date;
}

/**
 * Fixed-window counters in the database, so that every app instance shares them. One statement
 * counts the hit and starts a new window when the old one is over.
 */
export function createRateLimitRepo(db: Db) {
  return {
    async hit(key: string, windowSeconds: number): Promise<Hit> {
      const rows = await queryRows<{ hits: number; reset_at: string | Date }>(
        db,
        sql`
        insert into rate_limit_buckets (key, hits, reset_at)
        values (${key}, 1, now() + make_interval(secs => ${windowSeconds}))
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

/** Counts a hit; answers how many seconds to wait when the limit is exceeded, or null. */
export async function exceeded(repo: RateLimitRepo, key: string, limit: Limit): Promise<number | null> {
  const { hits, resetAt } = await repo.hit(key, limit.windowSeconds);
  if (hits <= limit.max) return null;
  return Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
}
