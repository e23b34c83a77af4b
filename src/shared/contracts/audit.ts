import { Type, type Static } from 'typebox';
import { Timestamp, Nullable } from './common.js';

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

/** The groups of actions (`agent.`, `ticket.` …), searchable as a prefix. */
export const AUDIT_GROUPS = [...new Set(AUDIT_ACTIONS.map((action) => `${action.split('.')[0]}.`))];

export const AUDIT_PAGE_SIZE = 50;

const NullableString = Nullable(Type.String());
/** A UTC day (`2026-03-01`, the whole day) or an exact instant. */
const Moment = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);

export const AuditQuery = Type.Object(
  {
    /** An actor's id, or part of their name or email (also the email a failed sign-in tried). */
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** One action, or a group such as `agent.`. */
    action: Type.Optional(Type.Enum([...AUDIT_ACTIONS, ...AUDIT_GROUPS])),
    from: Type.Optional(Moment),
    to: Type.Optional(Moment),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditExportQuery = Type.Omit(AuditQuery, ['cursor'], { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditEntryView = Type.Object({
  id: Type.String(),
  createdAt: Timestamp,
  /** Null when the system acted (automatic assignment) or nobody was signed in (a failed sign-in). */
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })),
  /** The actor's email at the time, or the email a failed sign-in tried. */
  actorEmail: NullableString,
  action: Type.String(),
  targetType: NullableString,
  targetId: NullableString,
  targetLabel: NullableString,
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: NullableString,
});
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntryView),
  nextCursor: NullableString,
});
export type AuditPage = Static<typeof AuditPage>;
