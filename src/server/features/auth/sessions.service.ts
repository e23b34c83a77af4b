import type { ListSessionsQuery, SessionPage, SessionView } from '../../../shared/contracts/account.js';
import type { Db } from '../../db/connection.js';
import type { SessionRow } from '../../db/schema.js';
import { notFound, validationFailed } from '../../errors.js';
import { sha256 } from '../../security/tokens.js';
import { createSessionsRepo, SESSION_ID_LENGTH, type SessionCursor } from './sessions.repo.js';

export interface SessionsServiceOptions {
  sessionIdleMinutes: number;
  now: () => Date;
}

const publicId = (tokenHash: string): string => tokenHash.slice(0, SESSION_ID_LENGTH);
const ID = new RegExp(`^[0-9a-f]{${SESSION_ID_LENGTH}}$`);

const encodeCursor = (row: SessionRow): string =>
  Buffer.from(JSON.stringify([row.lastSeenAt.toISOString(), publicId(row.tokenHash)])).toString('base64url');

function decodeCursor(raw: string | undefined): SessionCursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [lastSeenAt, id] = parsed as unknown[];
      const date = typeof lastSeenAt === 'string' ? new Date(lastSeenAt) : undefined;
      if (date && !Number.isNaN(date.getTime()) && typeof id === 'string' && ID.test(id)) {
        return { lastSeenAt: date, id };
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw validationFailed([{ field: 'cursor', message: 'is not a cursor this API gave out' }]);
}

/** The signed-in user's own sessions ("where you are signed in"): list them, end one or all others. */
export function createSessionsService(db: Db, options: SessionsServiceOptions) {
  const repo = createSessionsRepo(db);

  const toView = (row: SessionRow, currentHash: string): SessionView => ({
    id: publicId(row.tokenHash),
    current: row.tokenHash === currentHash,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
  });

  return {
    async list(userId: string, currentToken: string, query: ListSessionsQuery): Promise<SessionPage> {
      const limit = query.limit ?? 25;
      const now = options.now();
      const live = { now, idleSince: new Date(now.getTime() - options.sessionIdleMinutes * 60_000) };
      const rows = await repo.pageForUser(userId, live, limit + 1, decodeCursor(query.cursor));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const currentHash = sha256(currentToken);
      return {
        items: page.map((row) => toView(row, currentHash)),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
    },

    /** Ends one of the caller's sessions; answers whether it was the current one. Another's id: 404. */
    async revoke(userId: string, currentToken: string, id: string): Promise<{ wasCurrent: boolean }> {
      const deleted = ID.test(id) ? await repo.deleteByIdForUser(userId, id) : undefined;
      if (!deleted) throw notFound('Session');
      return { wasCurrent: deleted === sha256(currentToken) };
    },

    /** Keeps only the current session. */
    revokeOthers: (userId: string, currentToken: string) =>
      repo.deleteOthersForUser(userId, sha256(currentToken)),
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;
