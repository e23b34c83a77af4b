import type { Db } from '../../db/connection.js';
import type { TicketRow } from '../../db/schema.js';
import type { Outbox } from '../../mail/outbox.js';
import { replyEmail, type ReplyEmailInput } from '../../mail/templates/ticket-replies.js';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.js';
import { onlineColumn } from '../presence/presence.service.js';
import { createTicketsRepo } from './tickets.repo.js';
import { firstName } from '../../../shared/names.js';

/** How long a first reply waits for quick follow-ups before its email is due. */
export const REPLY_EMAIL_DELAY_MS = 2 * 60_000;
/** Replies one email lists; it counts the others ("and 3 more"). */
export const REPLY_EMAIL_LISTED = 20;

const MAIL_KIND: Record<ReplyEmailInput['audience'], string> = {
  toCustomer: 'ticket_reply',
  toAgent: 'customer_reply',
};

export interface UnsubscribeLinks {
  /** The page that turns ticket emails off. */
  url: string;
  /** List-Unsubscribe and its one-click companion. */
  headers: Record<string, string>;
}

export interface ReplyEmailsDeps {
  outbox: Outbox | undefined;
  publicUrl: string;
  now: () => Date;
  /** Issues the customer's unsubscribe links in the transaction. */
  unsubscribeLinks: (tx: Db, customerId: string) => Promise<UnsubscribeLinks>;
}

type Ticket = Pick<TicketRow, 'id' | 'reference' | 'subject' | 'customerId' | 'agentId'>;

export function createReplyEmails({ outbox, publicUrl, now, unsubscribeLinks }: ReplyEmailsDeps) {
  /**
   * A public reply (written `at` by `authorId`) reaches the other side by email when they are not
   * online: the customer hears of our team's replies (unless they turned ticket emails off), the
   * ticket's agent of the customer's. The replies of one quick exchange share one email.
   */
  const replied = async (tx: Db, ticket: Ticket, authorId: string, at: Date): Promise<void> => {
    if (!outbox) return;
    const fromCustomer = authorId === ticket.customerId;
    const recipientId = fromCustomer ? ticket.agentId : ticket.customerId;
    if (!recipientId) return;
    const [found] = await tx
      .select({ recipient: users, online: onlineColumn(users.id, now()) })
      .from(users)
      .where(eq(users.id, recipientId));
    if (!found || found.online) return;
    const { recipient } = found;
    if (fromCustomer ? recipient.status !== 'active' : !recipient.notifyTicketUpdates) return;

    const audience = fromCustomer ? 'toAgent' : 'toCustomer';
    const repo = createTicketsRepo(tx);
    const group = { key: `replies:${ticket.id}:${recipient.id}`, delayMs: REPLY_EMAIL_DELAY_MS, at };
    await outbox.enqueueGrouped(tx, group, async (startedAt) => {
      const side = fromCustomer ? 'customer' : 'staff';
      const { replies, total } = await repo.repliesSince(ticket, side, startedAt, REPLY_EMAIL_LISTED);
      const links = fromCustomer ? undefined : await unsubscribeLinks(tx, recipient.id);
      const email = replyEmail({
        audience,
        language: recipient.preferredLanguage,
        recipientName: firstName(recipient.fullName),
        reference: ticket.reference,
        subject: ticket.subject,
        link: `${publicUrl}/${fromCustomer ? 'agent' : 'customer'}/tickets/${ticket.reference}`,
        // Customers know staff by their first name only.
        replies: replies.map(({ message, authorName }) => ({
          author: fromCustomer ? authorName : firstName(authorName),
          body: message.body,
        })),
        more: total - replies.length,
        ...(links ? { unsubscribeUrl: links.url } : {}),
      });
      return {
        ...email,
        to: recipient.email,
        kind: MAIL_KIND[audience],
        ...(links ? { headers: links.headers } : {}),
      };
    });
  };
  return { replied };
}
