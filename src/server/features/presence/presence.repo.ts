import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { sessions } from '../../db/schema.js';

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
