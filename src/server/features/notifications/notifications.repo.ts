import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { users } from '../../db/schema.js';
import { signInsChanged } from '../auth/session-cache.js';

/** A user's email preferences (columns of `users`). */
export function createNotificationsRepo(db: Db) {
  return {
    async ticketUpdates(userId: string): Promise<boolean | undefined> {
      const rows = await db
        .select({ value: users.notifyTicketUpdates })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return rows[0]?.value;
    },

    async setTicketUpdates(userId: string, value: boolean): Promise<boolean | undefined> {
      const rows = await db
        .update(users)
        .set({ notifyTicketUpdates: value, updatedAt: new Date() })
        .where(eq(users.id, userId))
        .returning({ value: users.notifyTicketUpdates });
      signInsChanged(userId);
      return rows[0]?.value;
    },
  };
}
