import type { Db } from '../../db/connection.js';
import { auditLog } from '../../db/schema.js';

/** What admins search for in the audit trail. New actions are added here, nowhere else. */
export const AUDIT_ACTIONS = [
  'agent.accepted',
  'agent.rejected',
  'agent.created',
  'agent.updated',
  'agent.deactivated',
  'ticket.assigned',
  'ticket.reassigned',
  'ticket.unassigned',
  'category.created',
  'category.updated',
  'category.archived',
  'sla.targets_changed',
  'sla.schedule_changed',
  'sla.holiday_added',
  'sla.holiday_removed',
  'security.settings_changed',
  'staff.signed_in',
  'staff.sign_in_failed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  /** Null when the system acted (automatic assignment) or the caller is unknown. */
  actorId: string | null;
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
  await db.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId,
    actorEmail: entry.actorEmail ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    details: entry.details ?? {},
    ip: entry.ip ?? null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}
