import { and, desc, eq, gt, lte, ne } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { afterCursor, type Cursor } from '../../db/keyset.js';
import { trustedDevices, type TrustedDeviceRow } from '../../db/schema.js';

export interface NewTrustedDevice {
  tokenHash: string;
  userId: string;
  userAgent: string | null;
  ip: string | null;
  now: Date;
  expiresAt: Date;
}

export function createDevicesRepo(db: Db) {
  return {
    /** Remembers the browser for the account; verifying again on it starts its 30 days over. */
    async upsert(device: NewTrustedDevice): Promise<void> {
      const { now, ...fields } = device;
      await db
        .insert(trustedDevices)
        .values({ ...fields, createdAt: now, lastUsedAt: now })
        .onConflictDoUpdate({
          target: [trustedDevices.tokenHash, trustedDevices.userId],
          set: { expiresAt: fields.expiresAt, lastUsedAt: now, userAgent: fields.userAgent, ip: fields.ip },
        });
    },

    async findLive(tokenHash: string, userId: string, now: Date): Promise<TrustedDeviceRow | undefined> {
      const rows = await db
        .select()
        .from(trustedDevices)
        .where(
          and(
            eq(trustedDevices.tokenHash, tokenHash),
            eq(trustedDevices.userId, userId),
            gt(trustedDevices.expiresAt, now),
          ),
        )
        .limit(1);
      return rows[0];
    },

    async touch(id: string, at: Date): Promise<void> {
      await db.update(trustedDevices).set({ lastUsedAt: at }).where(eq(trustedDevices.id, id));
    },

    /** A user's remembered devices, most recently used first, through the (user_id, last_used_at, id) index. */
    async pageForUser(userId: string, now: Date, limit: number, after?: Cursor): Promise<TrustedDeviceRow[]> {
      return db
        .select()
        .from(trustedDevices)
        .where(
          and(
            eq(trustedDevices.userId, userId),
            gt(trustedDevices.expiresAt, now),
            afterCursor(trustedDevices.lastUsedAt, trustedDevices.id, after, 'desc'),
          ),
        )
        .orderBy(desc(trustedDevices.lastUsedAt), desc(trustedDevices.id))
        .limit(limit);
    },

    /** Forgets one of the user's devices; answers its token hash, or undefined when it is not theirs. */
    async deleteByIdForUser(userId: string, id: string): Promise<string | undefined> {
      const rows = await db
        .delete(trustedDevices)
        .where(and(eq(trustedDevices.userId, userId), eq(trustedDevices.id, id)))
        .returning({ tokenHash: trustedDevices.tokenHash });
      return rows[0]?.tokenHash;
    },

    /** Whether another account still trusts this browser's token. */
    async tokenInUse(tokenHash: string): Promise<boolean> {
      const rows = await db
        .select({ id: trustedDevices.id })
        .from(trustedDevices)
        .where(eq(trustedDevices.tokenHash, tokenHash))
        .limit(1);
      return rows.length > 0;
    },

    async deleteOthersForUser(userId: string, keepTokenHash: string): Promise<void> {
      await db
        .delete(trustedDevices)
        .where(and(eq(trustedDevices.userId, userId), ne(trustedDevices.tokenHash, keepTokenHash)));
    },

    async deleteExpired(now: Date): Promise<void> {
      await db.delete(trustedDevices).where(lte(trustedDevices.expiresAt, now));
    },
  };
}
export type DevicesRepo = ReturnType<typeof createDevicesRepo>;
