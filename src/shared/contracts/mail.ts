import { Type, type Static } from 'typebox';
import { pageQuery, Timestamp, Nullable } from './common.js';

/**
 * An outbox email's life: `pending` (waiting for its next attempt), `sending` (a worker holds it),
 * `sent`, or `failed` (given up; an admin may retry it).
 */
export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

const NullableString = Nullable(Type.String());

/** One row of the admin's Mail log. */
export const MailItem = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  kind: Type.String(),
  status: Type.Enum([...MAIL_STATUSES]),
  /** Delivery attempts started so far. */
  attempts: Type.Integer(),
  lastError: NullableString,
  createdAt: Timestamp,
  sentAt: Nullable(Timestamp),
  /** When a pending email is tried next. */
  nextAttemptAt: Timestamp,
  /** The transport that delivered it; `log` means it never left the server. */
  transport: NullableString,
  /** The plain-text body, only for emails the log transport kept (so one can read what was "sent"). */
  text: NullableString,
  /**
   * Written when it is sent (a ticket's quick replies, gathered into one email): until then its subject
   * and bodies are empty.
   */
  writtenWhenSent: Type.Boolean(),
});
export type MailItem = Static<typeof MailItem>;

export const MailPage = Type.Object({
  items: Type.Array(MailItem),
  nextCursor: NullableString,
});
export type MailPage = Static<typeof MailPage>;

/** One email in full. */
export const MailDetail = Type.Object({
  ...MailItem.properties,
  messageId: Type.String(),
  text: Type.String(),
  html: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
});
export type MailDetail = Static<typeof MailDetail>;

export const ListMailQuery = pageQuery({
  status: Type.Optional(Type.Enum([...MAIL_STATUSES])),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
});
export type ListMailQuery = Static<typeof ListMailQuery>;
