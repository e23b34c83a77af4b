import type { MailDetail, MailItem } from '../../../shared/contracts/mail.js';
import type { OutboxEmailRow } from '../../db/schema.js';

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
  text: row.transport === 'log' ? row.textBody : null,
});

export const toMailDetail = (row: OutboxEmailRow): MailDetail => ({
  ...toMailItem(row),
  messageId: row.messageId,
  text: row.textBody,
  html: row.htmlBody,
  headers: row.headers,
});
