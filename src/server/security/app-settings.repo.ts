import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { appSettings } from '../db/schema.js';
import { EVERYONE, signInsChanged } from '../features/auth/session-cache.js';

/** The key of the staff two-step policy (a JSON boolean); the session lookup reads it too. */
export const REQUIRE_STAFF_TOTP = 'require_staff_totp';

/** Instance-wide values in `app_settings`, shared by every app instance (keys, staff policies). */
export function createAppSettingsRepo(db: Db) {
  async function get(key: string): Promise<unknown> {
    const rows = await db
      .select({ value: appSettings.value })
      .from(appSettings)
      .where(eq(appSettings.key, key))
      .limit(1);
    return rows[0]?.value;
  }

  return {
    get,

    /** Writes the value only when the key is new, then answers whatever is stored (first writer wins). */
    async getOrCreate(key: string, value: unknown): Promise<unknown> {
      await db.insert(appSettings).values({ key, value }).onConflictDoNothing({ target: appSettings.key });
      return get(key);
    },

    async put(key: string, value: unknown, at: Date): Promise<void> {
      await db
        .insert(appSettings)
        .values({ key, value, updatedAt: at })
        .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: at } });
      signInsChanged(EVERYONE);
    },
  };
}
export type AppSettingsRepo = ReturnType<typeof createAppSettingsRepo>;
