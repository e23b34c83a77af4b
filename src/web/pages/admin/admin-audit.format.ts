import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntryView } from '../../../shared/contracts/audit.js';

const FIELDS = [
  'categories',
  'languages',
  'name',
  'autoAssign',
  'archived',
  'requireStaffTotp',
  'reason',
  'invited',
] as const;
const REASONS = ['wrong_password', 'wrong_code', 'pending', 'rejected', 'deactivated'] as const;

const isAction = (action: string): action is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(action);
const isChange = (value: unknown): value is { from: unknown; to: unknown } =>
  typeof value === 'object' && value !== null && 'from' in value && 'to' in value;

/** An action as readable text; an action this version does not know stays as it is. */
export function actionText(t: TFunction, action: string): string {
  return isAction(action) ? t(`audit.actions.${action}`) : action;
}

function valueText(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('audit.nothing');
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (Array.isArray(value))
    return value.length > 0 ? value.map((item) => valueText(t, item)).join(', ') : t('audit.nothing');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function fieldText(t: TFunction, key: string): string {
  return (FIELDS as readonly string[]).includes(key)
    ? t(`audit.fields.${key as (typeof FIELDS)[number]}`)
    : key;
}

/**
 * The entry's details in one line of plain text: "from → to" for a change of hands, "Name: A → B"
 * for each changed field, "Reason: wrong password" and the like for the rest.
 */
export function detailsText(t: TFunction, entry: Pick<AuditEntryView, 'details'>): string {
  const { from, to, automatic, ...rest } = entry.details;
  const parts: string[] = [];
  if (from !== undefined || to !== undefined) {
    parts.push(`${valueText(t, from)} → ${valueText(t, to)}`);
  }
  if (automatic === true) parts.push(t('audit.automatic'));
  for (const [key, value] of Object.entries(rest)) {
    if (isChange(value)) {
      parts.push(`${fieldText(t, key)}: ${valueText(t, value.from)} → ${valueText(t, value.to)}`);
    } else if (key === 'reason' && (REASONS as readonly unknown[]).includes(value)) {
      parts.push(`${fieldText(t, key)}: ${t(`audit.reasons.${value as (typeof REASONS)[number]}`)}`);
    } else {
      parts.push(`${fieldText(t, key)}: ${valueText(t, value)}`);
    }
  }
  return parts.join(' · ');
}
