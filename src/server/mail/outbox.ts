import { randomUUID } from 'node:crypto';
import type { SQLWrapper } from 'drizzle-orm';
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

const content = (email: NewEmail) => ({
  toAddress: email.to,
  subject: email.subject,
  textBody: email.text,
  htmlBody: email.html,
  headers: email.headers ?? {},
  kind: email.kind,
});

/**
 * Writes an email to the outbox. Pass the transaction of the change the email is about: both commit,
 * or neither does. The worker delivers it afterwards.
 */
export async function enqueueEmail(
  db: Db,
  email: NewEmail,
  options: { messageIdDomain: string },
): Promise<OutboxEmailRow> {
  return createOutboxRepo(db).insert({ ...content(email), messageId: newMessageId(options.messageIdDomain) });
}

/** enqueueEmail as a write still to run, for writeTogether. */
export function enqueueEmailWrite(db: Db, email: NewEmail, options: { messageIdDomain: string }): SQLWrapper {
  return createOutboxRepo(db).insertWrite({
    ...content(email),
    messageId: newMessageId(options.messageIdDomain),
  });
}

/** Events that share one email while it waits to be sent (several quick replies on a ticket). */
export interface EmailGroup {
  /** The same key joins the same email while it is pending, e.g. `replies:<ticket id>:<recipient id>`. */
  key: string;
  /** How long the group's first event waits for others before the email is due. */
  delayMs: number;
  /** When this event happened. An email it starts is created at this time: the group's start. */
  at: Date;
}

/**
 * A group's email is written when it is sent, from everything that happened since the group's start:
 * the worker hands `renderFrom` to the renderer registered for `kind` (see OutboxWorkerDeps).
 */
export interface GroupedEmail {
  to: string;
  kind: string;
  renderFrom: Record<string, string>;
}

/**
 * Joins the group's pending email, or, with none pending (never started, or the worker already took
 * it), starts one that is due after the delay: a write still to run in the change's transaction (for
 * writeTogether). An event costs no rendering: the email is written once, when it is sent.
 */
export function groupedEmailWrite(
  db: Db,
  group: EmailGroup,
  email: GroupedEmail,
  options: { messageIdDomain: string },
): SQLWrapper {
  return createOutboxRepo(db).startGroupWrite(
    {
      toAddress: email.to,
      // Written when it is sent.
      subject: '',
      textBody: '',
      htmlBody: '',
      headers: {},
      kind: email.kind,
      messageId: newMessageId(options.messageIdDomain),
      groupKey: group.key,
      createdAt: group.at,
      renderFrom: email.renderFrom,
    },
    group.delayMs,
  );
}

/** What services use: enqueue inside their transaction, then wake the worker once it committed. */
export interface Outbox {
  enqueue(db: Db, email: NewEmail): Promise<OutboxEmailRow>;
  /** The same as a write still to run, for writeTogether. */
  enqueueWrite(db: Db, email: NewEmail): SQLWrapper;
  /** See groupedEmailWrite. */
  groupedWrite(db: Db, group: EmailGroup, email: GroupedEmail): SQLWrapper;
  /** Asks the worker to look now instead of at its next poll; call after the commit. */
  wake(): void;
}

export function createOutbox(options: { publicUrl: string; wake?: () => void }): Outbox {
  const domain = messageIdDomain(options.publicUrl);
  return {
    enqueue: (db, email) => enqueueEmail(db, email, { messageIdDomain: domain }),
    enqueueWrite: (db, email) => enqueueEmailWrite(db, email, { messageIdDomain: domain }),
    groupedWrite: (db, group, email) => groupedEmailWrite(db, group, email, { messageIdDomain: domain }),
    wake: () => options.wake?.(),
  };
}
