import { and, desc, eq, gt, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { literalLimit } from '../../db/keyset.js';
import { builtOncePer } from '../../db/prepared.js';
import { appSettings, sessions, users, type SessionRow, type UserRow } from '../../db/schema.js';
import { REQUIRE_STAFF_TOTP } from '../../security/app-settings.repo.js';
import { sessionEnded, signInsChanged } from './session-cache.js';

export interface NewSession {
  tokenHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A session's public id: the start of its token hash (the hash is not the token; the token is never stored). */
export const SESSION_ID_LENGTH = 32;
const sessionId = sql<string>`left(${sessions.tokenHash}, ${sql.raw(String(SESSION_ID_LENGTH))})`;

/** Where a page of a user's sessions continues: the last row's last-seen time and id. */
export interface SessionCursor {
  lastSeenAt: Date;
  id: string;
}

/** Every signed-in request runs it: built once, with the token hash as its placeholder. */
const sessionWithUser = builtOncePer((db) =>
  db
    .select({
      session: sessions,
      user: users,
      staffTotpRequired: sql<boolean>`coalesce((select ${appSettings.value} = 'true'::jsonb from ${appSettings} where ${appSettings.key} = ${REQUIRE_STAFF_TOTP}), false)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .limit(literalLimit(1))
    .prepare('session_with_user'),
);

export function createSessionsRepo(db: Db) {
  return {
    async insert(session: NewSession): Promise<void> {
      await db.insert(sessions).values(session);
    },

    /**
     * The session and its user, and whether an admin requires an authenticator app of staff: every
     * signed-in request needs the three, and one round trip brings them (the policy is read at once
     * on every instance, never cached).
     */
    async findWithUser(
      tokenHash: string,
    ): Promise<{ session: SessionRow; user: UserRow; staffTotpRequired: boolean } | undefined> {
      const rows = await sessionWithUser(db).execute({ tokenHash });
      return rows[0];
    },

    async touch(tokenHash: string, at: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
    },

    async delete(tokenHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
      sessionEnded(tokenHash);
    },

    async deleteForUser(userId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.userId, userId));
      signInsChanged(userId);
    },

    /**
     * A user's live sessions, most recently seen first, keyset-paginated on (last_seen_at, token_hash)
     * through the user_id index. The cursor's id is a prefix of the last row's hash, which sorts just
     * before it, so `token_hash < id` continues after that row.
     */
    async pageForUser(
      userId: string,
      live: { now: Date; idleSince: Date },
      limit: number,
      after?: SessionCursor,
    ): Promise<SessionRow[]> {
      return db
        .select()
        .from(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            gt(sessions.expiresAt, live.now),
            gt(sessions.lastSeenAt, live.idleSince),
            after
              ? or(
                  lt(sessions.lastSeenAt, after.lastSeenAt),
                  and(eq(sessions.lastSeenAt, after.lastSeenAt), lt(sessions.tokenHash, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(sessions.lastSeenAt), desc(sessions.tokenHash))
        .limit(limit);
    },

    /** Deletes one of the user's sessions by its public id; answers its token hash, or undefined. */
    async deleteByIdForUser(userId: string, id: string): Promise<string | undefined> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), eq(sessionId, id)))
        .returning({ tokenHash: sessions.tokenHash });
      const ended = rows[0]?.tokenHash;
      if (ended) sessionEnded(ended);
      return ended;
    },

    /** Signs the user out everywhere except the session with this token hash. */
    async deleteOthersForUser(userId: string, keepTokenHash: string): Promise<void> {
      await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)));
      signInsChanged(userId);
    },

    async deleteExpired(now: Date, idleSince: Date): Promise<void> {
      await db.delete(sessions).where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleSince)));
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
