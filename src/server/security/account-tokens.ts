import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { accountTokens } from '../db/schema.js';
import { newToken, sha256 } from './tokens.js';

export type TokenPurpose = (typeof accountTokens.$inferSelect)['purpose'];

const usable = (token: string, purpose: TokenPurpose, now: Date) =>
  and(
    eq(accountTokens.tokenHash, sha256(token)),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, now),
  );

/**
 * Tokens sent by email (password reset, unsubscribe, address confirmation). Pass the transaction that
 * also enqueues the email, so the token exists exactly when the email does.
 */
export function createAccountTokens(db: Db) {
  return {
    /** Answers the raw token to put in the link; only its hash is stored. */
    async issue(userId: string, purpose: TokenPurpose, expiresAt: Date): Promise<string> {
      const { token, write } = this.issueWrite(userId, purpose, expiresAt);
      await write;
      return token;
    },

    /** The same as a write still to run (with writeTogether, or awaited). */
    issueWrite(userId: string, purpose: TokenPurpose, expiresAt: Date) {
      const token = newToken();
      const write = db.insert(accountTokens).values({ tokenHash: sha256(token), userId, purpose, expiresAt });
      return { token, write };
    },

    /** Marks a valid single-use token used and answers its user id; undefined when unknown, used or expired. */
    async consume(token: string, purpose: TokenPurpose, now: Date): Promise<string | undefined> {
      const rows = await db
        .update(accountTokens)
        .set({ usedAt: now })
        .where(usable(token, purpose, now))
        .returning({ userId: accountTokens.userId });
      return rows[0]?.userId;
    },

    /** The user of a valid token without using it up (links that may be followed more than once). */
    async peek(token: string, purpose: TokenPurpose, now: Date): Promise<string | undefined> {
      const rows = await db
        .select({ userId: accountTokens.userId })
        .from(accountTokens)
        .where(usable(token, purpose, now))
        .limit(1);
      return rows[0]?.userId;
    },

    /** Invalidates every unused token of that purpose (a new reset link replaces the old ones). */
    async revokeAll(userId: string, purpose: TokenPurpose, now: Date): Promise<void> {
      await db
        .update(accountTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(accountTokens.userId, userId),
            eq(accountTokens.purpose, purpose),
            isNull(accountTokens.usedAt),
          ),
        );
    },
  };
}
export type AccountTokens = ReturnType<typeof createAccountTokens>;
