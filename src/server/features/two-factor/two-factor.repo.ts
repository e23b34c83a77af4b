import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { recoveryCodes, users, type UserRow } from '../../db/schema.js';
import { signInsChanged } from '../auth/session-cache.js';

/** The authenticator columns of `users` and the `recovery_codes` table. */
export function createTwoFactorRepo(db: Db) {
  return {
    /** Stores a secret being set up; answers false when an authenticator is already on. */
    async setPendingSecret(userId: string, secret: string): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ totpSecret: secret, updatedAt: new Date() })
        .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
        .returning({ id: users.id });
      signInsChanged(userId);
      return rows.length > 0;
    },

    /** Turns the pending secret on, if it is still the one the code was checked against. */
    async enable(userId: string, secret: string, step: number, at: Date): Promise<UserRow | undefined> {
      const rows = await db
        .update(users)
        .set({ totpEnabledAt: at, totpLastStep: step, updatedAt: new Date() })
        .where(and(eq(users.id, userId), eq(users.totpSecret, secret), isNull(users.totpEnabledAt)))
        .returning();
      signInsChanged(userId);
      return rows[0];
    },

    async disable(userId: string): Promise<void> {
      await db
        .update(users)
        .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
        .where(eq(users.id, userId));
      signInsChanged(userId);
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    },

    /**
     * Records the step of an accepted code; false when that step (or a later one) was already used, so
     * two requests racing with one code cannot both win.
     */
    async advanceStep(userId: string, step: number): Promise<boolean> {
      const rows = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(
          and(
            eq(users.id, userId),
            isNotNull(users.totpEnabledAt),
            or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
          ),
        )
        .returning({ id: users.id });
      return rows.length > 0;
    },

    async replaceRecoveryCodes(userId: string, hashes: string[]): Promise<void> {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
    },

    /** Uses a recovery code once; false when it is unknown or already used. */
    async useRecoveryCode(userId: string, codeHash: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: at })
        .where(
          and(
            eq(recoveryCodes.userId, userId),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ userId: recoveryCodes.userId });
      return rows.length > 0;
    },
  };
}
export type TwoFactorRepo = ReturnType<typeof createTwoFactorRepo>;
