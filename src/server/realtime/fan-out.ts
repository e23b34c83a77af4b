import { sql, type SQL } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { LiveSignal } from '../../shared/contracts/live.js';
import type { Database, Unlisten } from '../db/connection.js';
import type { Audience } from './audience.js';

export interface SignalMessage {
  signal: LiveSignal;
  audience: Audience;
}

export interface FanOutHandlers {
  /** New events are stored: read them from the event log. */
  onPoke(): void;
  onSignal(message: SignalMessage): void;
}

/**
 * Carries news between app instances. Stored events are not sent through it, only a "poke": each
 * instance then reads the event log after its cursor, so a lost or duplicated poke loses or repeats
 * nothing. Signals (typing, presence) travel whole: they are not worth storing.
 */
export interface FanOut {
  readonly kind: 'postgres' | 'redis';
  /**
   * An expression that pokes when the transaction evaluating it commits (NOTIFY is transactional).
   * Event writers include it in their insert, and no poke follows the commit: one round trip less.
   */
  readonly pokeOnCommit?: SQL;
  start(handlers: FanOutHandlers): Promise<void>;
  poke(): Promise<void>;
  signal(message: SignalMessage): Promise<void>;
  close(): Promise<void>;
}

const POKE_CHANNEL = 'ccr_live';
const SIGNAL_CHANNEL = 'ccr_live_signal';

function parseSignal(payload: string): SignalMessage | undefined {
  try {
    return JSON.parse(payload) as SignalMessage;
  } catch {
    return undefined;
  }
}

/** LISTEN/NOTIFY on the app's own database (the default; PGlite supports it within its process). */
export function createPostgresFanOut(database: Database): FanOut {
  let unlisten: Unlisten | undefined;
  const notify = async (channel: string, payload: string) => {
    await database.db.execute(sql`select pg_notify(${channel}, ${payload})`);
  };
  return {
    kind: 'postgres',
    pokeOnCommit: sql`pg_notify(${POKE_CHANNEL}, '')`,
    async start(handlers) {
      unlisten = await database.listen(
        [POKE_CHANNEL, SIGNAL_CHANNEL],
        (channel, payload) => {
          if (channel === POKE_CHANNEL) handlers.onPoke();
          const message = channel === SIGNAL_CHANNEL ? parseSignal(payload) : undefined;
          if (message) handlers.onSignal(message);
        },
        { onReconnect: () => handlers.onPoke() },
      );
    },
    poke: () => notify(POKE_CHANNEL, ''),
    signal: (message) => notify(SIGNAL_CHANNEL, JSON.stringify(message)),
    async close() {
      await unlisten?.();
      unlisten = undefined;
    },
  };
}

/** Redis pub/sub, when REDIS_URL is set. */
export function createRedisFanOut(url: string): FanOut {
  const options = { lazyConnect: true, maxRetriesPerRequest: 2 };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, options);
  // Errors surface through failed publishes; ioredis reconnects by itself.
  publisher.on('error', () => undefined);
  subscriber.on('error', () => undefined);
  return {
    kind: 'redis',
    async start(handlers) {
      let connectedOnce = false;
      subscriber.on('ready', () => {
        // Pokes sent while the connection was down are lost: catch up once it is back.
        if (connectedOnce) handlers.onPoke();
        connectedOnce = true;
      });
      subscriber.on('message', (channel: string, payload: string) => {
        if (channel === POKE_CHANNEL) handlers.onPoke();
        if (channel === SIGNAL_CHANNEL) {
          const message = parseSignal(payload);
          if (message) handlers.onSignal(message);
        }
      });
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(POKE_CHANNEL, SIGNAL_CHANNEL);
    },
    async poke() {
      await publisher.publish(POKE_CHANNEL, '');
    },
    async signal(message) {
      await publisher.publish(SIGNAL_CHANNEL, JSON.stringify(message));
    },
    async close() {
      await Promise.all([publisher.quit(), subscriber.quit()]).catch(() => undefined);
    },
  };
}
