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

/** Renders a group's email from everything that happened since its first event (`startedAt`). */
export type GroupedEmailBuilder = (startedAt: Date) => Promise<NewEmail>;

/** Only a group started and claimed between our two statements, twice over, would run out of them. */
const GROUP_ATTEMPTS = 3;

/**
 * Adds an event to its group's pending email, re-rendered with everything since the group began; with
 * none pending (never started, or the worker already took it), starts one that is due after the delay.
 * Pass the transaction of the change, as for enqueueEmail. Two transactions starting the same group
 * at once meet on the partial unique index: the second one's insert does nothing, and it joins.
 */
export async function enqueueGroupedEmail(
  db: Db,
  group: EmailGroup,
  build: GroupedEmailBuilder,
  options: { messageIdDomain: string },
): Promise<OutboxEmailRow> {
  const repo = createOutboxRepo(db);
  for (let attempt = 0; attempt < GROUP_ATTEMPTS; attempt++) {
    const pending = await repo.lockPendingGroup(group.key);
    if (pending) return repo.updateContent(pending.id, content(await build(pending.createdAt)));
    const started = await repo.insertGroup(
      {
        ...content(await build(group.at)),
        messageId: newMessageId(options.messageIdDomain),
        groupKey: group.key,
        createdAt: group.at,
      },
      group.delayMs,
    );
    if (started) return started;
  }
  throw new Error(`could not join or start the email group ${group.key}`);
}

/** What services use: enqueue inside their transaction, then wake the worker once it committed. */
export interface Outbox {
  enqueue(db: Db, email: NewEmail): Promise<OutboxEmailRow>;
  /** The same as a write still to run, for writeTogether. */
  enqueueWrite(db: Db, email: NewEmail): SQLWrapper;
  /** See enqueueGroupedEmail. */
  enqueueGrouped(db: Db, group: EmailGroup, build: GroupedEmailBuilder): Promise<OutboxEmailRow>;
  /** Asks the worker to look now instead of at its next poll; call after the commit. */
  wake(): void;
}

export function createOutbox(options: { publicUrl: string; wake?: () => void }): Outbox {
  const domain = messageIdDomain(options.publicUrl);
  return {
    enqueue: (db, email) => enqueueEmail(db, email, { messageIdDomain: domain }),
    enqueueWrite: (db, email) => enqueueEmailWrite(db, email, { messageIdDomain: domain }),
    enqueueGrouped: (db, group, build) => enqueueGroupedEmail(db, group, build, { messageIdDomain: domain }),
    wake: () => options.wake?.(),
  };
}
