import { Type, type Static } from 'typebox';
import { LANGUAGES } from '../languages.js';
import { TICKET_STATUSES } from '../tickets.js';
import { pageQuery, Timestamp, Nullable } from './common.js';
import { SLA_FILTERS, TicketPrioritySchema, TicketSlaView } from './sla.js';
import { AttachmentIds, AttachmentView } from './attachments.js';
import { TAGS_PER_TICKET, TagName } from './tags.js';

/** What a customer sees when the description is empty or only spaces. */
export const EMPTY_QUERY_MESSAGE = 'Query cannot be empty!';
/** Any non-space character: a description of only spaces is empty. */
export const NOT_BLANK = '\\S';

export const TicketStatusSchema = Type.Enum([...TICKET_STATUSES]);
const Uuid = Type.String({ format: 'uuid' });

export const CreateTicketBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 200, pattern: NOT_BLANK }),
    description: Type.String({ minLength: 1, maxLength: 10_000, pattern: NOT_BLANK }),
    categoryId: Uuid,
    orderReference: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type CreateTicketBody = Static<typeof CreateTicketBody>;

const PersonRef = Type.Object({ id: Type.String(), fullName: Type.String() });

export const TicketSummary = Type.Object({
  id: Type.String(),
  /** Human-friendly and unique, e.g. CCR-4K7Q2M: what the UI and emails show. */
  reference: Type.String(),
  subject: Type.String(),
  status: TicketStatusSchema,
  category: Type.Object({ id: Type.String(), name: Type.String() }),
  /** Customers see the agent's first name only. */
  agent: Nullable(Type.Object({ id: Type.String(), firstName: Type.String() })),
  customer: Type.Object({ id: Type.String(), fullName: Type.String(), email: Type.String() }),
  language: Type.Enum([...LANGUAGES]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Send it back with a change; a change to an older version is refused with 409. */
  version: Type.Integer(),
  /** Messages from others the caller has not read yet (capped at UNREAD_CAP + 1: show "99+"). */
  unreadCount: Type.Integer(),
  /** Staff only: customers never receive the priority or the service-level due times. */
  priority: Type.Optional(TicketPrioritySchema),
  sla: Type.Optional(TicketSlaView),
  /** Staff only: the ticket's tags (at most TAGS_PER_TICKET), by name. */
  tags: Type.Optional(Type.Array(Type.String(), { maxItems: TAGS_PER_TICKET })),
});
export type TicketSummary = Static<typeof TicketSummary>;

export const RatingView = Type.Object({
  stars: Type.Integer({ minimum: 1, maximum: 5 }),
  comment: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type RatingView = Static<typeof RatingView>;

export const RateBody = Type.Object(
  {
    stars: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);
export type RateBody = Static<typeof RateBody>;

/** The newest message the caller has seen on screen. */
export const MarkReadBody = Type.Object({ messageId: Uuid }, { additionalProperties: false });
export type MarkReadBody = Static<typeof MarkReadBody>;

/** For the dashboards' badges: the caller's own tickets with unread messages. */
export const UnreadSummary = Type.Object({ tickets: Type.Integer() });
export type UnreadSummary = Static<typeof UnreadSummary>;

export const TicketEventView = Type.Object({
  id: Type.String(),
  /** priority_changed is staff-only: customers never receive it. */
  type: Type.Enum(['created', 'assigned', 'unassigned', 'status_changed', 'priority_changed']),
  fromStatus: Nullable(TicketStatusSchema),
  toStatus: Nullable(TicketStatusSchema),
  /** Who did it; null when the system did (automatic routing, deactivation). */
  actor: Nullable(PersonRef),
  agent: Nullable(PersonRef),
  /** priority_changed only. */
  fromPriority: Type.Optional(TicketPrioritySchema),
  toPriority: Type.Optional(TicketPrioritySchema),
  createdAt: Timestamp,
});
export type TicketEventView = Static<typeof TicketEventView>;

export const TicketDetail = Type.Object({
  ...TicketSummary.properties,
  description: Type.String(),
  orderReference: Nullable(Type.String()),
  resolvedAt: Nullable(Timestamp),
  /** The latest status changes, oldest first (at most HISTORY_LIMIT). */
  history: Type.Array(TicketEventView),
  /** Statuses the caller may move the ticket to now. */
  allowedStatuses: Type.Array(TicketStatusSchema),
  /** How far the customer and the agent have read the conversation ("seen" marks). */
  reads: Type.Array(Type.Object({ userId: Type.String(), readUpTo: Timestamp })),
  /** The customer's latest rating of the help, if any. */
  rating: Nullable(RatingView),
  /** True for the customer of a resolved ticket whose resolution is not rated yet. */
  canRate: Type.Boolean(),
});
export type TicketDetail = Static<typeof TicketDetail>;
export const HISTORY_LIMIT = 100;

export const TicketPage = Type.Object({
  items: Type.Array(TicketSummary),
  nextCursor: Nullable(Type.String()),
});
export type TicketPage = Static<typeof TicketPage>;

export const ListTicketsQuery = pageQuery({
  status: Type.Optional(TicketStatusSchema),
  categoryId: Type.Optional(Uuid),
  agentId: Type.Optional(Uuid),
  /** true: only tickets waiting for an agent. */
  unassigned: Type.Optional(Type.Boolean()),
  /** Created on or after this day / before the end of this day (YYYY-MM-DD, UTC). */
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  /** A reference, words of the subject, or a customer's email. */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Staff only. */
  priority: Type.Optional(TicketPrioritySchema),
  /** Staff only: at_risk (next due time within the hour) or breached (a due time passed unmet). */
  sla: Type.Optional(Type.Enum([...SLA_FILTERS])),
  /** Staff only: tickets carrying this tag (its name, whatever the case). */
  tag: Type.Optional(TagName),
});
export type ListTicketsQuery = Static<typeof ListTicketsQuery>;

/** An agent's queue of unassigned tickets in their categories. */
export const QueueQuery = pageQuery({});
export type QueueQuery = Static<typeof QueueQuery>;

export const TicketParams = Type.Object(
  /** A ticket id or its reference. */
  { ticket: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type TicketParams = Static<typeof TicketParams>;

export const MessageView = Type.Object({
  id: Type.String(),
  body: Type.String(),
  /** Internal notes are for staff; customers never receive them. */
  internal: Type.Boolean(),
  author: Type.Object({ id: Type.String(), fullName: Type.String(), role: Type.String() }),
  /** The id the sender's browser chose, so it can match its pending copy. */
  clientId: Nullable(Type.String()),
  attachments: Type.Array(AttachmentView),
  createdAt: Timestamp,
});
export type MessageView = Static<typeof MessageView>;

export const MessagePage = Type.Object({
  items: Type.Array(MessageView),
  nextCursor: Nullable(Type.String()),
});
export type MessagePage = Static<typeof MessagePage>;

/** Oldest first, so a thread reads top to bottom. */
export const ListMessagesQuery = pageQuery({});
export type ListMessagesQuery = Static<typeof ListMessagesQuery>;

export const PostMessageBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 10_000, pattern: NOT_BLANK }),
    internal: Type.Optional(Type.Boolean()),
    /**
     * Chosen by the client (a UUID) for each message it sends: sending again with the same id
     * answers the stored message instead of adding a second one (a retry after a lost answer).
     */
    clientId: Type.Optional(Uuid),
    /** Files uploaded to this ticket beforehand (POST /tickets/:ticket/attachments). */
    attachmentIds: Type.Optional(AttachmentIds),
  },
  { additionalProperties: false },
);
export type PostMessageBody = Static<typeof PostMessageBody>;

export const ChangeStatusBody = Type.Object(
  { status: TicketStatusSchema, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type ChangeStatusBody = Static<typeof ChangeStatusBody>;

export const AssignBody = Type.Object(
  { agentId: Uuid, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type AssignBody = Static<typeof AssignBody>;

/** Staff who work the ticket: the due times are counted again with the new priority's targets. */
export const ChangePriorityBody = Type.Object(
  { priority: TicketPrioritySchema, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type ChangePriorityBody = Static<typeof ChangePriorityBody>;

export const PickUpBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type PickUpBody = Static<typeof PickUpBody>;

export const WorkloadRow = Type.Object({
  agent: PersonRef,
  /** Active tickets by status. */
  counts: Type.Object({
    assigned: Type.Integer(),
    in_progress: Type.Integer(),
    waiting_on_customer: Type.Integer(),
    reopened: Type.Integer(),
  }),
  total: Type.Integer(),
  /** The oldest active ticket's last activity; null when the agent has none. */
  oldestWaitingSince: Nullable(Timestamp),
});
export type WorkloadRow = Static<typeof WorkloadRow>;

export const WorkloadPage = Type.Object({
  items: Type.Array(WorkloadRow),
  nextCursor: Nullable(Type.String()),
});
export type WorkloadPage = Static<typeof WorkloadPage>;
