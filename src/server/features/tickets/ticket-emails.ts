import type { SQLWrapper } from 'drizzle-orm';
import type { TicketStatus } from '../../../shared/tickets.js';
import { writeTogether } from '../../db/write-together.js';
import type { Db } from '../../db/connection.js';
import type { TicketRow, UserRow } from '../../db/schema.js';
import type { Outbox } from '../../mail/outbox.js';
import { ticketEmail, type TicketEmailInput } from '../../mail/templates/ticket-updates.js';
import { createAccountTokens } from '../../security/account-tokens.js';
import { createUsersService } from '../users/users.service.js';
import { replyEmailRenderers, replyEmailWrites, type Reply, type UnsubscribeLinks } from './reply-emails.js';
import { firstName } from '../../../shared/names.js';

/** How long the unsubscribe link of a ticket email keeps working. */
export const UNSUBSCRIBE_LINK_DAYS = 180;

const DAY_MS = 24 * 3_600_000;

export interface TicketEmailsDeps {
  /** Without an outbox (a service built bare in a test) no email is written. */
  outbox: Outbox | undefined;
  publicUrl: string;
  now: () => Date;
}

/** An unsubscribe token still to write, with the links that carry it. */
function unsubscribeLinkWrite(
  tx: Db,
  customerId: string,
  publicUrl: string,
  now: () => Date,
): { links: UnsubscribeLinks; write: SQLWrapper } {
  const expiresAt = new Date(now().getTime() + UNSUBSCRIBE_LINK_DAYS * DAY_MS);
  const { token, write } = createAccountTokens(tx).issueWrite(customerId, 'unsubscribe', expiresAt);
  return {
    links: {
      url: `${publicUrl}/unsubscribe#token=${token}`,
      headers: {
        'List-Unsubscribe': `<${publicUrl}/api/v1/unsubscribe/one-click?token=${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    },
    write,
  };
}

/** The outbox worker's renderers of ticket emails written as they are sent (reply emails). */
export function ticketEmailRenderers({ publicUrl, now }: Omit<TicketEmailsDeps, 'outbox'>) {
  return replyEmailRenderers({
    publicUrl,
    // A fresh unsubscribe token per email, as the link in the body and the RFC 8058 headers.
    async unsubscribeLinks(tx, customerId) {
      const { links, write } = unsubscribeLinkWrite(tx, customerId, publicUrl, now);
      await writeTogether(tx, [write]);
      return links;
    },
  });
}

type Ticket = Pick<TicketRow, 'reference' | 'subject' | 'customerId'>;
type Customer = Pick<UserRow, 'id' | 'email' | 'fullName' | 'preferredLanguage' | 'notifyTicketUpdates'>;
type CustomerKind = 'received' | 'assigned' | 'statusChanged' | 'resolved';

const MAIL_KIND: Record<TicketEmailInput['kind'], string> = {
  received: 'ticket_received',
  assigned: 'ticket_assigned',
  assignedToYou: 'ticket_assigned_to_agent',
  statusChanged: 'ticket_status_changed',
  resolved: 'ticket_resolved',
};

/**
 * The emails a ticket change sends. Every method takes the change's transaction, so an email exists
 * exactly when the change committed; call wake() after the commit. Nobody is emailed about a change
 * they made themselves (`actorId`), except the receipt for a ticket the customer raised.
 */
export function createTicketEmails({ outbox, publicUrl, now }: TicketEmailsDeps) {
  const unsubscribeWrite = (tx: Db, customerId: string) =>
    unsubscribeLinkWrite(tx, customerId, publicUrl, now);
  const userOf = (tx: Db, id: string) => createUsersService(tx).findById(id);

  /**
   * Non-essential: none when the customer opted out; carries an unsubscribe link and headers. The
   * writes (the token and the email) are for writeTogether.
   */
  function customerEmailWrites(
    tx: Db,
    customer: Customer,
    ticket: Ticket,
    kind: CustomerKind,
    extra: Partial<TicketEmailInput> = {},
  ): SQLWrapper[] {
    if (!outbox || !customer.notifyTicketUpdates) return [];
    const { links, write } = unsubscribeWrite(tx, customer.id);
    const email = ticketEmail({
      ...extra,
      kind,
      language: customer.preferredLanguage,
      recipientName: firstName(customer.fullName),
      reference: ticket.reference,
      subject: ticket.subject,
      link: `${publicUrl}/customer/tickets/${ticket.reference}`,
      unsubscribeUrl: links.url,
    });
    return [
      write,
      outbox.enqueueWrite(tx, {
        ...email,
        to: customer.email,
        kind: MAIL_KIND[kind],
        headers: links.headers,
      }),
    ];
  }

  async function toCustomer(
    tx: Db,
    ticket: Ticket,
    kind: CustomerKind,
    extra: Partial<TicketEmailInput> = {},
  ): Promise<void> {
    if (!outbox) return;
    const customer = await userOf(tx, ticket.customerId);
    if (customer) await writeTogether(tx, customerEmailWrites(tx, customer, ticket, kind, extra));
  }

  async function toAgent(tx: Db, ticket: Ticket, agent: UserRow): Promise<void> {
    if (!outbox) return;
    const customer = await userOf(tx, ticket.customerId);
    const email = ticketEmail({
      kind: 'assignedToYou',
      language: agent.preferredLanguage,
      recipientName: firstName(agent.fullName),
      reference: ticket.reference,
      subject: ticket.subject,
      customerName: customer?.fullName ?? '',
      link: `${publicUrl}/agent/tickets/${ticket.reference}`,
    });
    await outbox.enqueue(tx, { ...email, to: agent.email, kind: MAIL_KIND.assignedToYou });
  }

  /** The agent is told the ticket is theirs; the customer who is now helped by them is told too. */
  async function assigned(tx: Db, ticket: Ticket, agentId: string, actorId: string | null): Promise<void> {
    const agent = await userOf(tx, agentId);
    if (!agent) return;
    if (ticket.customerId !== actorId) {
      await toCustomer(tx, ticket, 'assigned', { agentName: firstName(agent.fullName) });
    }
    if (agent.id !== actorId) await toAgent(tx, ticket, agent);
  }

  return {
    /** The receipt for a ticket `customer` raised, as writes still to run (for writeTogether). */
    receiptWrites: (tx: Db, customer: Customer, ticket: Ticket) =>
      customerEmailWrites(tx, customer, ticket, 'received'),

    /** Manual assignment (actor: the admin) or pick-up (actor: the agent, who is not emailed). */
    assigned,

    async statusChanged(
      tx: Db,
      ticket: Ticket,
      from: TicketStatus,
      to: TicketStatus,
      actorId: string,
    ): Promise<void> {
      if (ticket.customerId === actorId) return;
      await toCustomer(tx, ticket, to === 'resolved' ? 'resolved' : 'statusChanged', { from, to });
    },

    /** A public reply: the other side hears of it when offline (see reply-emails.ts). */
    replyWrites: (tx: Db, reply: Reply) => replyEmailWrites(outbox, tx, reply),

    /** After the commit: the worker delivers now rather than at its next poll. */
    wake(): void {
      outbox?.wake();
    },
  };
}
export type TicketEmails = ReturnType<typeof createTicketEmails>;
