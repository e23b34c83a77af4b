import { Type, type Static } from 'typebox';

/**
 * The live channel, `GET /api/v1/live` as a WebSocket. Stored events have increasing ids: a client
 * that reconnects with `?after=<last id it saw>` receives every event it missed, once and in order.
 * Typing and presence are not stored: they only matter while they happen.
 */

/** Stored events; `data` depends on the type. */
export const LIVE_EVENT_TYPES = [
  /** data: the MessageView */
  'message.created',
  /** data: { status, agentId, version } after an assignment or a status change */
  'ticket.updated',
  /** data: { reference } a new ticket (the customer's list, the unassigned queue) */
  'ticket.created',
  /** data: { userId, readUpTo } someone read the conversation up to a message */
  'ticket.read',
  /** data: { stars } the customer rated the help */
  'ticket.rated',
  /** Staff only. data: { reference, subject, target: 'first_response' | 'resolution', dueAt } */
  'ticket.sla_breached',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

export interface LiveEvent {
  id: number;
  type: LiveEventType;
  ticketId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface TypingSignal {
  type: 'typing';
  ticketId: string;
  user: { id: string; fullName: string };
}

export interface PresenceSignal {
  type: 'presence';
  userId: string;
  online: boolean;
}

export type LiveSignal = TypingSignal | PresenceSignal;

/** What the server sends. */
export type ServerFrame =
  /** First frame: the newest event id now; a fresh client loads its data after it. */
  | { kind: 'hello'; lastEventId: number }
  | { kind: 'event'; event: LiveEvent }
  | { kind: 'signal'; signal: LiveSignal }
  /** Too much was missed to replay: reload everything and continue from `lastEventId`. */
  | { kind: 'reset'; lastEventId: number }
  | { kind: 'error'; message: string };

const TicketId = Type.String({ minLength: 1, maxLength: 64 });

/** What a client may send: the ticket it has open (null: none), and that its user is typing there. */
export const ClientFrame = Type.Union([
  Type.Object(
    { kind: Type.Literal('watch'), ticketId: Type.Union([TicketId, Type.Null()]) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('typing'), ticketId: TicketId }, { additionalProperties: false }),
]);
export type ClientFrame = Static<typeof ClientFrame>;

export const LiveQuery = Type.Object(
  { after: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) },
  { additionalProperties: false },
);
export type LiveQuery = Static<typeof LiveQuery>;

/** Close codes the client acts on. */
export const LIVE_CLOSE = {
  /** The session ended: sign in again. */
  signedOut: 4401,
  /** The server is shutting down: reconnect (to another instance). */
  goingAway: 1001,
} as const;
