import { eq, sql } from 'drizzle-orm';
import type { TicketDetail, TicketEventView } from '../../../shared/contracts/tickets.js';
import { HISTORY_LIMIT } from '../../../shared/contracts/tickets.js';
import type { Role } from '../../../shared/roles.js';
import type { TicketPriority, TicketStatus } from '../../../shared/tickets.js';
import type { Db } from '../../db/connection.js';
import { literalLimit } from '../../db/keyset.js';
import { builtOncePer } from '../../db/prepared.js';
import { tickets, type TicketRow } from '../../db/schema.js';
import { tagNamesColumn } from '../tags/tags.repo.js';
import { unreadCountColumn } from './conversation.repo.js';
import { canSeeInternal, isOwner, statusesFor, type Viewer } from './tickets.policy.js';
import type { TicketKey } from './reference.js';
import { agentCategoryIdsColumn, selectRecords } from './tickets.repo.js';
import { toTicketDetail, type EventRecord, type TicketRecord } from './tickets.view.js';
import { awaitingRating, toRatingView } from './tickets.conversation.js';

/**
 * A ticket with everything its page shows (names, the latest history, unread count, read marks, the
 * last rating, tags, and the caller's categories for the access check) in one statement, built once
 * and prepared on each connection: the most requested read, and each query costs a round trip.
 */

interface HistoryJson {
  id: string;
  type: TicketEventView['type'];
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  fromPriority: TicketPriority | null;
  toPriority: TicketPriority | null;
  actorId: string | null;
  agentId: string | null;
  createdAt: string;
  actorName: string | null;
  actorRole: Role | null;
  agentName: string | null;
  /** Only orders the events. */
  later: boolean;
}

interface RatingJson {
  stars: number;
  comment: string | null;
  createdAt: string;
  resolvedAt: string;
}

export interface DetailRow extends TicketRecord {
  history: HistoryJson[];
  unread: number;
  reads: { userId: string; readUpTo: string }[];
  rating: RatingJson | null;
  tags: string[] | null;
  /** The caller's categories when an agent (what their queue shows). */
  viewerCategoryIds: string[];
}

const viewerId = sql.placeholder('viewerId');
const staff = sql.placeholder('staff');

const extra = {
  history: sql<HistoryJson[]>`(
    select coalesce(json_agg(h order by h."createdAt", h.later, h.id), '[]'::json) from (
      select e.id, e.type, e.from_status as "fromStatus", e.to_status as "toStatus",
             e.from_priority as "fromPriority", e.to_priority as "toPriority",
             e.actor_id as "actorId", e.agent_id as "agentId", e.created_at as "createdAt",
             a.full_name as "actorName", a.role as "actorRole", g.full_name as "agentName",
             (e.type <> 'created') as later
      from ticket_events e
      left join users a on a.id = e.actor_id
      left join users g on g.id = e.agent_id
      where e.ticket_id = ${tickets.id} and (${staff}::boolean or e.type <> 'priority_changed')
      order by e.created_at desc, (e.type <> 'created') desc, e.id desc
      limit ${sql.raw(String(HISTORY_LIMIT))}) h)`.as('history'),
  unread: unreadCountColumn(tickets.id, { id: viewerId, staff }).as('unread'),
  reads: sql<DetailRow['reads']>`(
    select coalesce(json_agg(json_build_object('userId', r.user_id, 'readUpTo', r.read_up_to)), '[]'::json)
    from ticket_reads r
    where r.ticket_id = ${tickets.id} and r.user_id in (${tickets.customerId}, ${tickets.agentId}))`.as(
    'reads',
  ),
  rating: sql<RatingJson | null>`(
    select json_build_object('stars', r.stars, 'comment', r.comment, 'createdAt', r.created_at,
                             'resolvedAt', r.resolved_at)
    from ticket_ratings r where r.ticket_id = ${tickets.id}
    order by r.created_at desc limit 1)`.as('rating'),
  tags: tagNamesColumn(tickets.id, staff).as('tags'),
  viewerCategoryIds: agentCategoryIdsColumn(viewerId).as('viewer_category_ids'),
};

const build = (db: Db, by: 'id' | 'reference') =>
  selectRecords(db, extra)
    .where(eq(by === 'id' ? tickets.id : tickets.reference, sql.placeholder('key')))
    .limit(literalLimit(1))
    .prepare(`ticket_detail_by_${by}`);

const detailById = builtOncePer((db) => build(db, 'id'));
const detailByReference = builtOncePer((db) => build(db, 'reference'));

/** `viewer`: who asks, before their categories are known. */
export async function readTicketDetail(
  db: Db,
  key: TicketKey,
  viewer: { id: string; role: Role },
): Promise<DetailRow | undefined> {
  const query = 'id' in key ? detailById(db) : detailByReference(db);
  const rows = (await query.execute({
    key: 'id' in key ? key.id : key.reference,
    viewerId: viewer.id,
    staff: viewer.role !== 'customer',
  })) as DetailRow[];
  return rows[0];
}

/** A ticket as written when it is raised: the other columns have their defaults. */
export type RaisedTicket = Omit<
  TicketRow,
  | 'version'
  | 'resolvedAt'
  | 'firstResponseAt'
  | 'resolutionRemainingMs'
  | 'firstResponseBreached'
  | 'resolutionBreached'
  | 'slaDueAt'
  | 'slaAlarmAt'
>;

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));

/**
 * The row readTicketDetail would find for a ticket its customer has just raised, built from what was
 * written: it has no messages, reads, rating or tags yet, and one history entry. A creation answers
 * with it instead of reading the ticket back.
 */
export function raisedTicketRow(
  ticket: RaisedTicket,
  createdEventId: string,
  customer: { fullName: string; email: string; role: Role },
  categoryName: string,
): DetailRow {
  const dueAt = earliest(ticket.firstResponseDueAt, ticket.resolutionDueAt);
  return {
    ticket: {
      ...ticket,
      version: 1,
      resolvedAt: null,
      firstResponseAt: null,
      resolutionRemainingMs: null,
      firstResponseBreached: false,
      resolutionBreached: false,
      slaDueAt: dueAt,
      slaAlarmAt: dueAt,
    },
    categoryName,
    agentName: null,
    customerName: customer.fullName,
    customerEmail: customer.email,
    history: [
      {
        id: createdEventId,
        type: 'created',
        fromStatus: null,
        toStatus: ticket.status,
        fromPriority: null,
        toPriority: null,
        actorId: ticket.customerId,
        agentId: null,
        createdAt: ticket.createdAt.toISOString(),
        actorName: customer.fullName,
        actorRole: customer.role,
        agentName: null,
        later: false,
      },
    ],
    unread: 0,
    reads: [],
    rating: null,
    tags: [],
    viewerCategoryIds: [],
  };
}

const iso = (time: string) => new Date(time).toISOString();

/** The page's view of a row `viewer` may see (the caller checked canSee). */
export function toDetailView(viewer: Viewer, row: DetailRow, now: Date): TicketDetail {
  const { ticket } = row;
  const history = row.history.map(
    ({ actorName, actorRole, agentName, createdAt, later: _later, ...event }): EventRecord => ({
      event: { ...event, ticketId: ticket.id, createdAt: new Date(createdAt) },
      actorName,
      actorRole,
      agentName,
    }),
  );
  const rating = row.rating && { ...row.rating, createdAt: new Date(row.rating.createdAt) };
  const view = toTicketDetail(
    row,
    history,
    statusesFor(viewer, ticket, now),
    viewer.role,
    {
      unreadCount: row.unread,
      reads: row.reads.map((read) => ({ userId: read.userId, readUpTo: iso(read.readUpTo) })),
      rating: rating ? toRatingView(rating) : null,
      canRate:
        isOwner(viewer, ticket) && awaitingRating(ticket, rating ? new Date(rating.resolvedAt) : undefined),
    },
    now,
  );
  return canSeeInternal(viewer) ? { ...view, tags: row.tags ?? [] } : view;
}
