import type { SQLWrapper } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { users, type TicketRow, type UserRow } from '../../db/schema.js';
import type { Outbox } from '../../mail/outbox.js';
import { createOutboxRepo } from '../../mail/outbox.repo.js';
import type { EmailRenderer } from '../../mail/outbox-worker.js';
import { replyEmail, type ReplyEmailInput } from '../../mail/templates/ticket-replies.js';
import { createTicketsRepo } from './tickets.repo.js';
import { firstName } from '../../../shared/names.js';

/** How long a first reply waits for quick follow-ups before its email is due. */
export const REPLY_EMAIL_DELAY_MS = 2 * 60_000;
/** Replies one email lists; it counts the others ("and 3 more"). */
export const REPLY_EMAIL_LISTED = 20;

type Audience = ReplyEmailInput['audience'];

const MAIL_KIND: Record<Audience, string> = {
  toCustomer: 'ticket_reply',
  toAgent: 'customer_reply',
};

export interface UnsubscribeLinks {
  /** The page that turns ticket emails off. */
  url: string;
  /** List-Unsubscribe and its one-click companion. */
  headers: Record<string, string>;
}

/** The other side of a reply, as the reply's ticket lock finds them (lockTicketWithRecipient). */
export interface ReplyRecipient {
  recipient: Pick<UserRow, 'id' | 'email' | 'status' | 'notifyTicketUpdates'> | null;
  online: boolean;
}

/** A public reply written `at` by `authorId`, and who is on the other side. */
export interface Reply {
  ticket: Pick<TicketRow, 'id' | 'customerId'>;
  authorId: string;
  at: Date;
  to: ReplyRecipient;
}

const groupKey = (ticketId: string, recipientId: string) => `replies:${ticketId}:${recipientId}`;

/**
 * A public reply reaches the other side by email when they are not
 * online: the customer hears of our team's replies (unless they turned ticket emails off), the
 * ticket's agent of the customer's. The replies of one quick exchange share one email, written when it
 * is sent (replyEmailRenderers); a reply only starts or joins it: writes for the reply's statement.
 */
export function replyEmailWrites(outbox: Outbox | undefined, tx: Db, reply: Reply): SQLWrapper[] {
  const { recipient, online } = reply.to;
  if (!outbox || !recipient || online) return [];
  const fromCustomer = reply.authorId === reply.ticket.customerId;
  if (fromCustomer ? recipient.status !== 'active' : !recipient.notifyTicketUpdates) return [];
  const audience: Audience = fromCustomer ? 'toAgent' : 'toCustomer';
  const group = { key: groupKey(reply.ticket.id, recipient.id), delayMs: REPLY_EMAIL_DELAY_MS, at: reply.at };
  const renderFrom = { ticketId: reply.ticket.id, recipientId: recipient.id };
  return [outbox.groupedWrite(tx, group, { to: recipient.email, kind: MAIL_KIND[audience], renderFrom })];
}

export interface ReplyRenderDeps {
  publicUrl: string;
  /** Issues the customer's unsubscribe links in the transaction. */
  unsubscribeLinks: (tx: Db, customerId: string) => Promise<UnsubscribeLinks>;
}

/** The outbox worker's renderers of reply emails, by mail kind. */
export function replyEmailRenderers({ publicUrl, unsubscribeLinks }: ReplyRenderDeps) {
  /**
   * The replies since the group's start, and before the start of the group's next email if one is
   * pending: a reply that came after this email was claimed belongs to that one.
   */
  const renderer =
    (audience: Audience): EmailRenderer =>
    async (tx, { renderFrom, createdAt }) => {
      const { ticketId = '', recipientId = '' } = renderFrom;
      const repo = createTicketsRepo(tx);
      // Replies keep the ticket's lock until they commit: past it, every reply so far is visible.
      const ticket = await repo.waitForTicket(ticketId);
      const [recipient] = await tx
        .select({
          id: users.id,
          email: users.email,
          fullName: users.fullName,
          preferredLanguage: users.preferredLanguage,
        })
        .from(users)
        .where(eq(users.id, recipientId));
      if (!ticket || !recipient) return undefined;
      const before = await createOutboxRepo(tx).pendingGroupStart(groupKey(ticket.id, recipient.id));
      const fromCustomer = audience === 'toAgent';
      const side = fromCustomer ? 'customer' : 'staff';
      const window = { since: createdAt, before };
      const { replies, total } = await repo.repliesSince(ticket, side, window, REPLY_EMAIL_LISTED);
      if (total === 0) return undefined;
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
      return { ...email, to: recipient.email, ...(links ? { headers: links.headers } : {}) };
    };
  return {
    [MAIL_KIND.toCustomer]: renderer('toCustomer'),
    [MAIL_KIND.toAgent]: renderer('toAgent'),
  };
}
