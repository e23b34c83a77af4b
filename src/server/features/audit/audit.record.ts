import { sql } from 'drizzle-orm';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/contracts/audit.js';
import type { Db } from '../../db/connection.js';
import { auditLog } from '../../db/schema.js';

export { AUDIT_ACTIONS, type AuditAction };

export interface AuditEntry {
  action: AuditAction;
  /** Null when the system acted (automatic assignment) or the caller is unknown. */
  actorId: string | null;
  /** Defaults to the actor's current email. */
  actorEmail?: string | null;
  targetType?: 'user' | 'ticket' | 'category' | 'sla' | 'settings';
  targetId?: string | null;
  /** Human-readable: a ticket reference, an agent's email, a category name. */
  targetLabel?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
  at?: Date;
}

/**
 * Appends one entry. Pass the transaction of the change it records, so an action and its audit
 * entry are written together or not at all. The table refuses UPDATE and DELETE (migration 0007).
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const actorEmail =
    entry.actorEmail ?? (entry.actorId ? sql`(select email from users where id = ${entry.actorId})` : null);
  await db.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId,
    actorEmail,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    details: entry.details ?? {},
    ip: entry.ip ?? null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}
