import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { sessions } from '../../db/schema.js';

/** seenSince as a column of another query about `userId` (a column or a value). */
export const seenSinceColumn = (userId: unknown, since: Date) =>
  sql<boolean>`exists (select 1 from ${sessions} s
                       where s.user_id = ${userId} and s.last_seen_at > ${since.toISOString()}::timestamptz)`;

export function createPresenceRepo(db: Db) {
  return {
    /** Whether one of the user's sessions was seen after `since` (through sessions_user_idx). */
    async seenSince(userId: string, since: Date): Promise<boolean> {
      const rows = await db
        .select({ seen: sql<number>`1` })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.lastSeenAt, since)))
        .limit(1);
      return rows.length > 0;
    },
  };
}
