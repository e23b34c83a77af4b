import type { AuditEntryView } from '../../../shared/contracts/audit.js';
import type { AuditRecord } from './audit.repo.js';

export const toAuditEntryView = ({ entry, actorName, actorCurrentEmail }: AuditRecord): AuditEntryView => ({
  id: String(entry.id),
  createdAt: entry.createdAt.toISOString(),
  actor:
    entry.actorId && actorName !== null && actorCurrentEmail !== null
      ? { id: entry.actorId, name: actorName, email: actorCurrentEmail }
      : null,
  actorEmail: entry.actorEmail,
  action: entry.action,
  targetType: entry.targetType,
  targetId: entry.targetId,
  targetLabel: entry.targetLabel,
  details: entry.details,
  ip: entry.ip,
});

export const CSV_COLUMNS = [
  'id',
  'time',
  'actor_name',
  'actor_email',
  'action',
  'target_type',
  'target_id',
  'target',
  'details',
  'ip',
] as const;

/**
 * One CSV cell, quoted. A cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage
 * return) is prefixed with an apostrophe, so an entry someone typed can never run as one.
 */
export function csvCell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsvLine(record: AuditRecord): string {
  const view = toAuditEntryView(record);
  return `${[
    view.id,
    view.createdAt,
    view.actor?.name ?? null,
    view.actorEmail ?? view.actor?.email ?? null,
    view.action,
    view.targetType,
    view.targetId,
    view.targetLabel,
    JSON.stringify(view.details),
    view.ip,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

export const csvHeader = (): string => `${CSV_COLUMNS.map(csvCell).join(',')}\r\n`;
