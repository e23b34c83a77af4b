import type { MessageView, TicketDetail } from '../../../shared/contracts/tickets.js';

/**
 * The id of the newest own message that someone else on the ticket has read ("Seen" goes under it).
 * Internal notes are skipped: the customer never sees them.
 */
export function seenMessageId(
  messages: MessageView[],
  ticket: TicketDetail,
  ownId: string,
): string | undefined {
  const readers = ticket.reads.filter((read) => read.userId !== ownId);
  if (readers.length === 0) return undefined;
  const readUpTo =
    readers
      .map((read) => read.readUpTo)
      .sort()
      .at(-1) ?? '';
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (!message || message.author.id !== ownId || message.internal) continue;
    if (Date.parse(message.createdAt) <= Date.parse(readUpTo)) return message.id;
  }
  return undefined;
}

/** The person whose presence matters here: the agent for a customer, the customer for staff. */
export const counterpartOf = (ticket: TicketDetail, role: string): { id: string; name: string } | null =>
  role === 'customer'
    ? ticket.agent
      ? { id: ticket.agent.id, name: ticket.agent.firstName }
      : null
    : { id: ticket.customer.id, name: ticket.customer.fullName };
