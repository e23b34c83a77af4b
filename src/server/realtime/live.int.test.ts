import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../shared/contracts/live.js';
import { call, createTestApp, signedIn, type TestContext } from '../../../test/helpers/app.js';
import { connectLive, isEvent, isHello, listening } from '../../../test/helpers/live-client.js';
import type { Audience } from './audience.js';
import { createPostgresFanOut } from './fan-out.js';
import { createLiveEventsRepo } from './live-events.repo.js';
import { testDatabaseKind } from '../../../test/helpers/database.js';

let context: TestContext;
let baseUrl: string;
let customer: { user: { id: string }; cookie: string };
let otherCustomer: { user: { id: string }; cookie: string };
let agent: { user: { id: string }; cookie: string };
let otherAgent: { user: { id: string }; cookie: string };
let admin: { user: { id: string }; cookie: string };

beforeAll(async () => {
  context = await createTestApp({ live: { heartbeatMs: 200 } });
  baseUrl = await listening(context.app);
  [customer, otherCustomer, agent, otherAgent, admin] = await Promise.all([
    signedIn(context, 'customer'),
    signedIn(context, 'customer'),
    signedIn(context, 'agent'),
    signedIn(context, 'agent'),
    signedIn(context, 'admin'),
  ]);
});

afterAll(() => context.close());

/** Stores an event the way a feature does (in a transaction), then pokes every instance. */
async function publish(audience: Audience, data: Record<string, unknown> = {}): Promise<void> {
  const repo = createLiveEventsRepo(context.db.database.db);
  await context.db.database.db.transaction((tx) =>
    repo.append(tx, { type: 'ticket.updated', ticketId: null, audience, data }),
  );
  await createPostgresFanOut(context.db.database).poke();
}

const forCustomerAndAgent = (): Audience => ({
  customerId: customer.user.id,
  agentIds: [agent.user.id],
  forAllAgents: false,
});

const marks = (events: LiveEvent[]) => events.map((event) => event.data.mark);

describe('live channel', () => {
  it('refuses anyone not signed in, and pages of another origin', async () => {
    await expect(connectLive(baseUrl, '')).rejects.toThrow('401');
    await expect(connectLive(baseUrl, customer.cookie, { origin: 'https://evil.example' })).rejects.toThrow(
      '403',
    );
    const plain = await call(context.app, 'GET', '/api/v1/live?after=abc', undefined, {
      cookie: customer.cookie,
    });
    expect(plain.statusCode).toBe(400);
  });

  it('delivers each event only to its audience: internal ones never reach a customer', async () => {
    const clients = await Promise.all(
      [customer, otherCustomer, agent, otherAgent, admin].map((who) => connectLive(baseUrl, who.cookie)),
    );
    await Promise.all(clients.map((client) => client.next(isHello)));
    const [forCustomer, forOtherCustomer, forAgent, forOtherAgent, forAdmin] = clients;

    await publish(forCustomerAndAgent(), { mark: 'public' });
    await publish({ ...forCustomerAndAgent(), customerId: null }, { mark: 'internal' });
    await publish({ customerId: null, agentIds: [], forAllAgents: true }, { mark: 'queue' });
    await forAdmin?.next((frame): frame is Extract<typeof frame, { kind: 'event' }> => {
      return isEvent(frame) && frame.event.data.mark === 'queue';
    });
    await forOtherAgent?.next(isEvent);
    // Everyone had the time to receive what they would: the admin got all three after the others.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(marks(forAdmin?.events() ?? [])).toEqual(['public', 'internal', 'queue']);
    expect(marks(forAgent?.events() ?? [])).toEqual(['public', 'internal', 'queue']);
    expect(marks(forOtherAgent?.events() ?? [])).toEqual(['queue']);
    expect(marks(forCustomer?.events() ?? [])).toEqual(['public']);
    expect(marks(forOtherCustomer?.events() ?? [])).toEqual([]);
    await Promise.all(clients.map((client) => client.close()));
  });

  it('resumes after a disconnect with every missed event once, in order, then live ones', async () => {
    const first = await connectLive(baseUrl, customer.cookie);
    await first.next(isHello);
    await publish(forCustomerAndAgent(), { mark: 'before' });
    const seen = await first.next(isEvent);
    await first.close();

    for (const mark of ['missed 1', 'missed 2', 'missed 3']) await publish(forCustomerAndAgent(), { mark });
    await publish({ ...forCustomerAndAgent(), customerId: null }, { mark: 'internal while away' });

    const resumed = await connectLive(baseUrl, customer.cookie, { after: seen.event.id });
    await publish(forCustomerAndAgent(), { mark: 'live' });
    await resumed.next((frame): frame is Extract<typeof frame, { kind: 'event' }> => {
      return isEvent(frame) && frame.event.data.mark === 'live';
    });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const events = resumed.events();
    expect(marks(events)).toEqual(['missed 1', 'missed 2', 'missed 3', 'live']);
    const ids = events.map((event) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(resumed.frames.some(isHello)).toBe(false);
    await resumed.close();
  });

  it('delivers events from concurrent transactions in id order without gaps', async () => {
    const watcher = await connectLive(baseUrl, admin.cookie);
    const hello = await watcher.next(isHello);
    await Promise.all(Array.from({ length: 30 }, (_, i) => publish(forCustomerAndAgent(), { mark: i })));
    await watcher.next((frame): frame is Extract<typeof frame, { kind: 'event' }> => {
      return isEvent(frame) && watcher.events().length === 30;
    });
    const ids = watcher.events().map((event) => event.id);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => hello.lastEventId + 1 + i));
    expect(new Set(marks(watcher.events())).size).toBe(30);
    await watcher.close();
  });

  it('tells a client that missed more than is kept to reload', async () => {
    await publish(forCustomerAndAgent(), { mark: 'kept' });
    await context.db.database.db.execute(
      // Pretend the oldest events were pruned: keep only the newest one.
      (await import('drizzle-orm')).sql`delete from live_events where id < (select max(id) from live_events)`,
    );
    const client = await connectLive(baseUrl, customer.cookie, { after: 1 });
    const reset = await client.next((frame): frame is Extract<typeof frame, { kind: 'reset' }> => {
      return frame.kind === 'reset';
    });
    expect(reset.lastEventId).toBeGreaterThan(1);
    await client.close();
  });

  it('closes the channel when the session ends, and drops malformed frames with an error', async () => {
    const own = await signedIn(context, 'customer');
    const client = await connectLive(baseUrl, own.cookie);
    await client.next(isHello);
    client.send({ kind: 'shout', text: 'hi' });
    await client.next((frame): frame is Extract<typeof frame, { kind: 'error' }> => frame.kind === 'error');

    await call(context.app, 'POST', '/api/v1/auth/sign-out', undefined, { cookie: own.cookie });
    const closed = await client.closed;
    expect(closed.code).toBe(4401);
  });

  it('pokes the instances when the transaction that recorded an event commits, and not before', async () => {
    const { database } = context.db;
    const fanOut = createPostgresFanOut(database);
    let pokes = 0;
    await fanOut.start({ onPoke: () => pokes++, onSignal: () => undefined });
    try {
      const repo = createLiveEventsRepo(database.db);
      await database.db.transaction(async (tx) => {
        const event = {
          type: 'ticket.updated' as const,
          ticketId: null,
          audience: forCustomerAndAgent(),
          data: {},
        };
        await repo.append(tx, event, fanOut.pokeOnCommit);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(pokes).toBe(0);
      });
      await vi.waitFor(() => expect(pokes).toBe(1), { timeout: 2_000 });
    } finally {
      await fanOut.close();
    }
  });

  // PGlite serves one connection at a time, so only a server has concurrent transactions to show.
  if (testDatabaseKind() === 'postgres') {
    it('numbers an event when its transaction commits, and holds no other writer up before', async () => {
      const { db } = context.db.database;
      const repo = createLiveEventsRepo(db);
      const event = (mark: string) => ({
        type: 'ticket.updated' as const,
        ticketId: null,
        audience: forCustomerAndAgent(),
        data: { mark },
      });
      const before = await repo.latestId();
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let drafted = () => {};
      const slowDrafted = new Promise<void>((resolve) => (drafted = resolve));
      const slow = db.transaction(async (tx) => {
        await repo.append(tx, event('slow'));
        drafted();
        await held;
      });
      await slowDrafted;
      // Before, the first transaction's ordering lock made this one wait until it committed.
      await db.transaction((tx) => repo.append(tx, event('quick')));
      expect(marks((await repo.after(before, 10)).map((stored) => stored.event))).toEqual(['quick']);
      release();
      await slow;
      expect(marks((await repo.after(before, 10)).map((stored) => stored.event))).toEqual(['quick', 'slow']);
    });
  }
});
