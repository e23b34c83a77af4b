import type {
  MessageView,
  TicketDetail,
  TicketEventView,
  TicketSummary,
} from '../../../shared/contracts/tickets.js';
import type { Role } from '../../../shared/roles.js';
import type { TicketStatus } from '../../../shared/tickets.js';
import type { TicketEventRow, TicketMessageRow, TicketRow } from '../../db/schema.js';
import type { AttachmentView } from '../../../shared/contracts/attachments.js';
import { firstName } from '../../../shared/names.js';
import { toTicketSlaView } from '../sla/sla.view.js';

/** What a list shows of a ticket: everything but its description, which can be long. */
export type ListedTicket = Omit<TicketRow, 'description'>;

/** A ticket with the names its views show. */
export interface TicketRecord<Ticket extends ListedTicket = TicketRow> {
  ticket: Ticket;
  categoryName: string;
  agentName: string | null;
  customerName: string;
  customerEmail: string;
}

export interface EventRecord {
  event: TicketEventRow;
  actorName: string | null;
  actorRole: Role | null;
  agentName: string | null;
}

export interface MessageRecord {
  message: TicketMessageRow;
  authorName: string;
  authorRole: Role;
}

/** Customers know staff by their first name only. */
const staffName = (fullName: string, viewerRole: Role) =>
  viewerRole === 'customer' ? firstName(fullName) : fullName;

/** The priority and the due times are for staff; a customer's view never has them. */
const staffFields = (ticket: ListedTicket, viewerRole: Role, now: Date) =>
  viewerRole === 'customer' ? {} : { priority: ticket.priority, sla: toTicketSlaView(ticket, now) };

export const toTicketSummary = (
  { ticket, ...names }: TicketRecord<ListedTicket>,
  viewerRole: Role,
  now: Date,
): TicketSummary => ({
  id: ticket.id,
  reference: ticket.reference,
  subject: ticket.subject,
  status: ticket.status,
  category: { id: ticket.categoryId, name: names.categoryName },
  agent:
    ticket.agentId && names.agentName !== null
      ? { id: ticket.agentId, firstName: firstName(names.agentName) }
      : null,
  customer: { id: ticket.customerId, fullName: names.customerName, email: names.customerEmail },
  language: ticket.language,
  createdAt: ticket.createdAt.toISOString(),
  updatedAt: ticket.updatedAt.toISOString(),
  version: ticket.version,
  unreadCount: 0,
  ...staffFields(ticket, viewerRole, now),
});

export function toEventView({ event, ...names }: EventRecord, viewerRole: Role): TicketEventView {
  if (event.type === 'priority_changed' && viewerRole === 'customer') {
    // The repository already leaves them out for customers; this is the second lock.
    throw new Error('a priority change must never be mapped for a customer');
  }
  const actorIsStaff = names.actorRole !== 'customer';
  return {
    id: event.id,
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actor:
      event.actorId && names.actorName !== null
        ? {
            id: event.actorId,
            fullName: actorIsStaff ? staffName(names.actorName, viewerRole) : names.actorName,
          }
        : null,
    agent:
      event.agentId && names.agentName !== null
        ? { id: event.agentId, fullName: staffName(names.agentName, viewerRole) }
        : null,
    ...(event.type === 'priority_changed' && event.fromPriority && event.toPriority
      ? { fromPriority: event.fromPriority, toPriority: event.toPriority }
      : {}),
    createdAt: event.createdAt.toISOString(),
  };
}

export const toTicketDetail = (
  record: TicketRecord,
  history: EventRecord[],
  allowedStatuses: readonly TicketStatus[],
  viewerRole: Role,
  conversation: ConversationFacts,
  now: Date,
): TicketDetail => ({
  ...toTicketSummary(record, viewerRole, now),
  description: record.ticket.description,
  orderReference: record.ticket.orderReference,
  resolvedAt: record.ticket.resolvedAt?.toISOString() ?? null,
  history: history.map((event) => toEventView(event, viewerRole)),
  allowedStatuses: [...allowedStatuses],
  ...conversation,
});

/** What the detail adds about the conversation as this viewer sees it. */
export type ConversationFacts = Pick<TicketDetail, 'unreadCount' | 'reads' | 'rating' | 'canRate'>;

export function toMessageView(
  { message, authorName, authorRole }: MessageRecord,
  viewerRole: Role,
  attachments: AttachmentView[] = [],
): MessageView {
  if (message.internal && viewerRole === 'customer') {
    // The repository already filters them out; this is the second lock on the same door.
    throw new Error('an internal note must never be mapped for a customer');
  }
  return {
    id: message.id,
    body: message.body,
    internal: message.internal,
    author: {
      id: message.authorId,
      fullName: authorRole === 'customer' ? authorName : staffName(authorName, viewerRole),
      role: authorRole,
    },
    clientId: message.clientId,
    attachments,
    createdAt: message.createdAt.toISOString(),
  };
}
