import type { MailDetail, MailItem } from '../../../shared/contracts/mail.js';
import type { OutboxEmailRow } from '../../db/schema.js';

/**
 * Kinds whose body is a secret of its recipient (a password reset link or a sign-in code signs in as
 * them): admins see that the email exists and how delivery went, never what it says.
 */
const SECRET_KINDS = new Set(['password_reset', 'sign_in_code']);
export const HIDDEN_BODY = '[Hidden: this email holds a secret link or code meant only for its recipient.]';

const bodyOf = (row: OutboxEmailRow, body: string): string =>
  SECRET_KINDS.has(row.kind) ? HIDDEN_BODY : body;

/** A row of the Mail log; the text body only when the log transport kept the email instead of sending it. */
export const toMailItem = (row: OutboxEmailRow): MailItem => ({
  id: row.id,
  to: row.toAddress,
  subject: row.subject,
  kind: row.kind,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
  nextAttemptAt: row.nextAttemptAt.toISOString(),
  transport: row.transport,
  text: row.transport === 'log' ? bodyOf(row, row.textBody) : null,
  writtenWhenSent: row.renderFrom !== null,
});

export const toMailDetail = (row: OutboxEmailRow): MailDetail => ({
  ...toMailItem(row),
  messageId: row.messageId,
  text: bodyOf(row, row.textBody),
  html: bodyOf(row, row.htmlBody),
  headers: row.headers,
});
