import { and, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { signInChallenges, type SignInChallengeRow } from '../../db/schema.js';

export type NewChallenge = Pick<
  SignInChallengeRow,
  'tokenHash' | 'userId' | 'method' | 'codeHash' | 'expiresAt'
> & {
  createdAt: Date;
};

const live = (tokenHash: string, now: Date) =>
  and(
    eq(signInChallenges.tokenHash, tokenHash),
    isNull(signInChallenges.usedAt),
    gt(signInChallenges.expiresAt, now),
  );

export function createSignInChallengesRepo(db: Db) {
  return {
    async insert(challenge: NewChallenge): Promise<void> {
      await db.insert(signInChallenges).values(challenge);
    },

    async findLive(tokenHash: string, now: Date): Promise<SignInChallengeRow | undefined> {
      const rows = await db.select().from(signInChallenges).where(live(tokenHash, now)).limit(1);
      return rows[0];
    },

    /**
     * Counts one attempt, in one statement so that parallel guesses cannot exceed the limit. Answers
     * the challenge with its new count, or undefined when it is used, expired or out of attempts.
     */
    async countAttempt(
      tokenHash: string,
      now: Date,
      maxAttempts: number,
    ): Promise<SignInChallengeRow | undefined> {
      const rows = await db
        .update(signInChallenges)
        .set({ attempts: sql`${signInChallenges.attempts} + 1` })
        .where(and(live(tokenHash, now), lt(signInChallenges.attempts, maxAttempts)))
        .returning();
      return rows[0];
    },

    /** False when another request used it first. */
    async markUsed(tokenHash: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(signInChallenges)
        .set({ usedAt: now })
        .where(live(tokenHash, now))
        .returning({ tokenHash: signInChallenges.tokenHash });
      return rows.length > 0;
    },

    /** A resent code: new hash, new expiry, attempts start over. */
    async replaceCode(tokenHash: string, codeHash: string, expiresAt: Date, now: Date): Promise<boolean> {
      const rows = await db
        .update(signInChallenges)
        .set({ codeHash, expiresAt, attempts: 0 })
        .where(and(live(tokenHash, now), eq(signInChallenges.method, 'email')))
        .returning({ tokenHash: signInChallenges.tokenHash });
      return rows.length > 0;
    },

    async deleteExpired(now: Date): Promise<void> {
      await db.delete(signInChallenges).where(lte(signInChallenges.expiresAt, now));
    },
  };
}
export type SignInChallengesRepo = ReturnType<typeof createSignInChallengesRepo>;
