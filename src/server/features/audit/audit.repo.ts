import { and, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { auditLog, users, type AuditLogRow } from '../../db/schema.js';

export interface AuditFilter {
  actorId?: string;
  /** Part of the actor's name or email, or of the email a failed sign-in tried. */
  actorText?: string;
  actions?: readonly string[];
  from?: Date;
  /** Exclusive upper bound (the day after a `to` date). */
  before?: Date;
  /** Inclusive upper bound (a `to` instant). */
  until?: Date;
}

export interface AuditCursor {
  createdAt: Date;
  id: number;
}

export interface AuditRecord {
  entry: AuditLogRow;
  actorName: string | null;
  actorCurrentEmail: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function conditions(filter: AuditFilter, after: AuditCursor | undefined): SQL | undefined {
  const pattern = filter.actorText ? `%${escapeLike(filter.actorText)}%` : undefined;
  return and(
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    pattern
      ? or(ilike(auditLog.actorEmail, pattern), ilike(users.fullName, pattern), ilike(users.email, pattern))
      : undefined,
    filter.actions ? inArray(auditLog.action, [...filter.actions]) : undefined,
    filter.from ? gte(auditLog.createdAt, filter.from) : undefined,
    filter.before ? lt(auditLog.createdAt, filter.before) : undefined,
    filter.until ? lte(auditLog.createdAt, filter.until) : undefined,
    after
      ? or(
          lt(auditLog.createdAt, after.createdAt),
          and(eq(auditLog.createdAt, after.createdAt), lt(auditLog.id, after.id)),
        )
      : undefined,
  );
}

/** Read only: the application never updates or deletes an audit entry (the database refuses it too). */
export function createAuditRepo(db: Db) {
  return {
    /** Newest first; keyset on (created_at, id), which the audit_log indexes answer. */
    async page(filter: AuditFilter, limit: number, after?: AuditCursor): Promise<AuditRecord[]> {
      return db
        .select({ entry: auditLog, actorName: users.fullName, actorCurrentEmail: users.email })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(conditions(filter, after))
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(limit);
    },
  };
}
