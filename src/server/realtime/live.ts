import type { FastifyBaseLogger } from 'fastify';
import type { SQLWrapper } from 'drizzle-orm';
import type { Database, Db } from '../db/connection.js';
import type { Audience } from './audience.js';
import { createPostgresFanOut, createRedisFanOut } from './fan-out.js';
import { createLiveHub, type LiveHub } from './hub.js';
import { createLiveEventsRepo, type NewLiveEvent } from './live-events.repo.js';

/** How long events are kept for clients that reconnect; older ones reload instead. */
const KEEP_EVENTS_MS = 24 * 3_600_000;

/** What features use: store an event in their transaction, and say when it has committed. */
export interface LiveEvents {
  /** Stores an event in the change's transaction; it gets its id, and is seen, when that commits. */
  record(tx: Db, event: NewLiveEvent): Promise<void>;
  /** record as a write still to run, for writeTogether; undefined when none is kept. */
  recordWrite(event: NewLiveEvent): SQLWrapper | undefined;
  /** Call after the transaction that recorded events has committed. */
  published(): void;
}

export interface Live extends LiveEvents {
  hub: LiveHub;
  /** Housekeeping: forget events no reconnecting client can still need. */
  prune(now: Date): Promise<void>;
}

export function createLive(database: Database, logger: FastifyBaseLogger, redisUrl?: string): Live {
  const repo = createLiveEventsRepo(database.db);
  const fanOut = redisUrl ? createRedisFanOut(redisUrl) : createPostgresFanOut(database);
  const hub = createLiveHub({ repo, fanOut, logger });
  return {
    hub,
    record: (tx, event) => repo.append(tx, event, fanOut.pokeOnCommit),
    recordWrite: (event) => repo.appendWrite(event, fanOut.pokeOnCommit),
    published: () => hub.published(),
    prune: (now) => repo.deleteOlderThan(new Date(now.getTime() - KEEP_EVENTS_MS)),
  };
}

/** Who follows a ticket live: its customer (unless staff only) and its agents, past and present. */
export function ticketAudience(
  ticket: { customerId: string; agentId: string | null },
  options: { staffOnly?: boolean; previousAgentId?: string | null; queue?: boolean } = {},
): Audience {
  const agentIds = [ticket.agentId, options.previousAgentId].filter(
    (id): id is string => typeof id === 'string',
  );
  return {
    customerId: options.staffOnly ? null : ticket.customerId,
    agentIds: [...new Set(agentIds)],
    forAllAgents: options.queue ?? false,
  };
}
