import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection.js';
import type { OutboxEmailRow } from '../db/schema.js';
import { createOutboxRepo } from './outbox.repo.js';

export interface NewEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the email is about, for the Mail log: 'agent_request', 'test'… */
  kind: string;
  /** Extra headers such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** The host part of Message-IDs: PUBLIC_URL's host name. */
export const messageIdDomain = (publicUrl: string): string => new URL(publicUrl).hostname || 'localhost';

export const newMessageId = (domain: string): string => `<${randomUUID()}@${domain}>`;

/**
 * Writes an email to the outbox. Pass the transaction of the change the email is about: both commit,
 * or neither does. The worker delivers it afterwards.
 */
export async function enqueueEmail(
  db: Db,
  email: NewEmail,
  options: { messageIdDomain: string },
): Promise<OutboxEmailRow> {
  return createOutboxRepo(db).insert({
    messageId: newMessageId(options.messageIdDomain),
    toAddress: email.to,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    headers: email.headers ?? {},
    kind: email.kind,
  });
}

/** What services use: enqueue inside their transaction, then wake the worker once it committed. */
export interface Outbox {
  enqueue(db: Db, email: NewEmail): Promise<OutboxEmailRow>;
  /** Asks the worker to look now instead of at its next poll; call after the commit. */
  wake(): void;
}

export function createOutbox(options: { publicUrl: string; wake?: () => void }): Outbox {
  const domain = messageIdDomain(options.publicUrl);
  return {
    enqueue: (db, email) => enqueueEmail(db, email, { messageIdDomain: domain }),
    wake: () => options.wake?.(),
  };
}
