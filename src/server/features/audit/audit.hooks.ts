import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { users } from '../../db/schema.js';
import { recordAudit } from './audit.record.js';

/**
 * Helpers the features call inside their own transactions, so each hook stays a line or two there.
 * They only append to the audit log; they never decide anything.
 */

/** `{ key: { from, to } }` for each of `keys` whose value differs; empty when nothing changed. */
export function differences<T extends object>(
  before: T,
  after: T,
  keys: readonly (keyof T & string)[],
): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changed[key] = { from: before[key], to: after[key] };
    }
  }
  return changed;
}

async function emailsOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row.email]));
}

/**
 * A ticket changed hands: assigned (from nobody), reassigned, or unassigned (to nobody). `actorId`
 * null with `automatic`: the routing rules chose the agent.
 */
export async function recordAssignment(
  tx: Db,
  change: {
    actorId: string | null;
    ticket: { id: string; reference: string };
    fromAgentId: string | null;
    toAgentId: string | null;
    automatic?: boolean;
  },
): Promise<void> {
  const { fromAgentId, toAgentId } = change;
  if (fromAgentId === toAgentId) return;
  const emails = await emailsOf(tx, [fromAgentId, toAgentId]);
  const action = !toAgentId ? 'ticket.unassigned' : fromAgentId ? 'ticket.reassigned' : 'ticket.assigned';
  await recordAudit(tx, {
    action,
    actorId: change.actorId,
    targetType: 'ticket',
    targetId: change.ticket.id,
    targetLabel: change.ticket.reference,
    details: {
      from: fromAgentId ? (emails.get(fromAgentId) ?? fromAgentId) : null,
      to: toAgentId ? (emails.get(toAgentId) ?? toAgentId) : null,
      ...(change.automatic ? { automatic: true } : {}),
    },
  });
}

interface CategoryState {
  id: string;
  name: string;
  autoAssign: boolean;
  archivedAt: Date | null;
}

/** A category created (`before` undefined), archived, or renamed / switched / restored. */
export async function recordCategoryChange(
  tx: Db,
  actorId: string,
  before: CategoryState | undefined,
  after: CategoryState,
): Promise<void> {
  const target = { actorId, targetType: 'category' as const, targetId: after.id, targetLabel: after.name };
  if (!before) {
    await recordAudit(tx, {
      ...target,
      action: 'category.created',
      details: { autoAssign: after.autoAssign },
    });
    return;
  }
  const state = (row: CategoryState) => ({ ...row, archived: row.archivedAt !== null });
  const changed = differences(state(before), state(after), ['name', 'autoAssign', 'archived']);
  const { archived, ...rest } = changed;
  if (archived?.to === true) {
    await recordAudit(tx, { ...target, action: 'category.archived', details: rest });
  } else if (Object.keys(changed).length > 0) {
    await recordAudit(tx, { ...target, action: 'category.updated', details: changed });
  }
}
