import type { FastifyBaseLogger } from 'fastify';
import type { LiveEvent, LiveSignal, ServerFrame } from '../../shared/contracts/live.js';
import { firstName } from '../../shared/names.js';
import { mayReceive, type Audience, type Listener } from './audience.js';
import type { FanOut, SignalMessage } from './fan-out.js';
import type { LiveEventsRepo, StoredLiveEvent } from './live-events.repo.js';

const BATCH = 500;
/** A client that missed more than this reloads instead of replaying. */
const MAX_REPLAY = 5_000;
/** Pokes can be lost (a listener reconnecting); reading the log this often bounds the delay. */
const SAFETY_POLL_MS = 5_000;

export interface LiveClient {
  listener: Listener;
  send(frame: ServerFrame): void;
}

interface ClientState {
  client: LiveClient;
  /** The newest event id this client has: never send it anything older again. */
  lastSentId: number;
  /** While the client's missed events are replayed, live ones wait here. */
  pending: LiveEvent[] | undefined;
  /** The ticket the client has open and who follows it (typing and presence are sent about it). */
  watching: { ticketId: string; audience: Audience } | undefined;
}

export interface LiveHubDeps {
  repo: LiveEventsRepo;
  fanOut: FanOut;
  logger: FastifyBaseLogger;
}

/**
 * One per app instance: the clients connected to it, fed from the event log in id order. Every
 * delivery goes through `mayReceive`, so what a client receives never depends on which instance it
 * is connected to.
 */
export function createLiveHub({ repo, fanOut, logger }: LiveHubDeps) {
  const clients = new Map<LiveClient, ClientState>();
  const connectionsPerUser = new Map<string, number>();
  /** The newest event delivered; read at the first catch-up, not at start (the table may not exist yet). */
  let cursor: number | undefined;
  let catchingUp: Promise<void> | undefined;
  let again = false;
  let poll: NodeJS.Timeout | undefined;

  function deliver(state: ClientState, event: LiveEvent): void {
    if (state.pending) {
      state.pending.push(event);
      return;
    }
    if (event.id <= state.lastSentId) return;
    state.lastSentId = event.id;
    state.client.send({ kind: 'event', event });
  }

  function dispatch(stored: StoredLiveEvent): void {
    for (const state of clients.values()) {
      if (mayReceive(state.client.listener, stored.audience)) deliver(state, stored.event);
    }
  }

  async function readLog(): Promise<void> {
    cursor ??= await repo.latestId();
    for (;;) {
      const batch = await repo.after(cursor, BATCH);
      for (const stored of batch) {
        dispatch(stored);
        cursor = stored.event.id;
      }
      if (batch.length < BATCH) return;
    }
  }

  /** One reader at a time; a poke during a read makes it read once more. */
  function catchUp(): void {
    if (catchingUp) {
      again = true;
      return;
    }
    catchingUp = readLog()
      .catch((error: unknown) => logger.warn({ err: error }, 'live: reading the event log failed'))
      .finally(() => {
        catchingUp = undefined;
        if (again) {
          again = false;
          catchUp();
        }
      });
  }

  /** Typing goes to whoever has that ticket open; presence also to a customer whose agent it is. */
  function wants(state: ClientState, { signal, audience }: SignalMessage): boolean {
    const { listener } = state.client;
    if (signal.type === 'typing') {
      return (
        state.watching?.ticketId === signal.ticketId &&
        signal.user.id !== listener.id &&
        mayReceive(listener, audience)
      );
    }
    const about = state.watching?.audience;
    const watchingThem =
      about !== undefined && (about.customerId === signal.userId || about.agentIds.includes(signal.userId));
    // Staff presence goes to all staff; a customer's only to whoever has their ticket open.
    return watchingThem || (listener.role !== 'customer' && audience.forAllAgents);
  }

  /** Customers know staff by their first name only, here as everywhere else. */
  function asSeenBy(listener: Listener, signal: LiveSignal): LiveSignal {
    if (signal.type !== 'typing' || listener.role !== 'customer' || signal.user.id === listener.id) {
      return signal;
    }
    return { ...signal, user: { ...signal.user, fullName: firstName(signal.user.fullName) } };
  }

  function onSignal(message: SignalMessage): void {
    for (const state of clients.values()) {
      if (!wants(state, message)) continue;
      state.client.send({ kind: 'signal', signal: asSeenBy(state.client.listener, message.signal) });
    }
  }

  async function replay(state: ClientState, after: number): Promise<void> {
    const [oldest, latest] = await Promise.all([repo.oldestId(), repo.latestId()]);
    // Events before `oldest` were pruned, and `after` beyond `latest` belongs to another database.
    const lost = oldest > 0 && after < oldest - 1;
    let replayed = 0;
    if (!lost && after <= latest) {
      for (;;) {
        const batch = await repo.receivableAfter(state.client.listener, state.lastSentId, BATCH);
        replayed += batch.length;
        if (replayed > MAX_REPLAY) break;
        for (const event of batch) {
          state.lastSentId = event.id;
          state.client.send({ kind: 'event', event });
        }
        if (batch.length < BATCH) return;
      }
    }
    state.lastSentId = latest;
    state.client.send({ kind: 'reset', lastEventId: latest });
  }

  function publishSignal(signal: LiveSignal, audience: Audience): void {
    fanOut
      .signal({ signal, audience })
      .catch((error: unknown) => logger.warn({ err: error }, 'live: sending a signal failed'));
  }

  /**
   * Staff presence is for all staff; anyone's presence is also for whoever has one of their tickets
   * open (see `wants`), which is how a customer sees their agent and an agent their customer.
   */
  const presenceAudience = (listener: Listener): Audience => ({
    customerId: null,
    agentIds: listener.role === 'customer' ? [] : [listener.id],
    forAllAgents: listener.role !== 'customer',
  });

  return {
    async start(): Promise<void> {
      await fanOut.start({ onPoke: catchUp, onSignal });
      catchUp();
      poll = setInterval(catchUp, SAFETY_POLL_MS).unref();
    },

    async stop(): Promise<void> {
      clearInterval(poll);
      await fanOut.close();
      await catchingUp;
    },

    /** After a transaction that stored events has committed. */
    published(): void {
      if (fanOut.pokeOnCommit) return;
      fanOut.poke().catch((error: unknown) => {
        logger.warn({ err: error }, 'live: poke failed; the safety poll will deliver');
      });
    },

    /**
     * A client connects; with `after`, it resumes from the last event id it saw and receives every
     * event it may see since, in order, before anything live.
     */
    async attach(client: LiveClient, after: number | undefined): Promise<void> {
      const state: ClientState = { client, lastSentId: after ?? 0, pending: [], watching: undefined };
      clients.set(client, state);
      const userId = client.listener.id;
      const count = (connectionsPerUser.get(userId) ?? 0) + 1;
      connectionsPerUser.set(userId, count);
      if (count === 1) {
        publishSignal({ type: 'presence', userId, online: true }, presenceAudience(client.listener));
      }
      try {
        if (after === undefined) {
          state.lastSentId = await repo.latestId();
          client.send({ kind: 'hello', lastEventId: state.lastSentId });
        } else {
          await replay(state, after);
        }
      } finally {
        const waiting = state.pending ?? [];
        state.pending = undefined;
        for (const event of waiting) deliver(state, event);
      }
    },

    detach(client: LiveClient): void {
      if (!clients.delete(client)) return;
      const userId = client.listener.id;
      const count = (connectionsPerUser.get(userId) ?? 1) - 1;
      if (count > 0) {
        connectionsPerUser.set(userId, count);
        return;
      }
      connectionsPerUser.delete(userId);
      publishSignal({ type: 'presence', userId, online: false }, presenceAudience(client.listener));
    },

    /** The ticket a client has open (already authorised by the caller), or undefined. */
    watch(client: LiveClient, watching: { ticketId: string; audience: Audience } | undefined): void {
      const state = clients.get(client);
      if (state) state.watching = watching;
    },

    /** Someone is typing on a ticket they may read; `audience` is who may read it. */
    typing(client: LiveClient, ticketId: string, fullName: string, audience: Audience): void {
      publishSignal({ type: 'typing', ticketId, user: { id: client.listener.id, fullName } }, audience);
    },

    isConnectedHere: (userId: string) => connectionsPerUser.has(userId),
    connectionCount: () => clients.size,
  };
}
export type LiveHub = ReturnType<typeof createLiveHub>;
