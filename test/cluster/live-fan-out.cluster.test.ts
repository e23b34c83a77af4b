import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsersService } from '../../src/server/features/users/users.service.js';
import type { ServerFrame } from '../../src/shared/contracts/live.js';
import type { MessageView, TicketDetail } from '../../src/shared/contracts/tickets.js';
import { categories } from '../../src/server/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { connectLive, isEvent, isHello, isSignal, type LiveTestClient } from '../helpers/live-client.js';
import { startServer, type ServerProcess } from '../helpers/process.js';

const PASSWORD = 'cluster password 1';

async function request(server: ServerProcess, method: string, path: string, body?: unknown, cookie = '') {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'x-ccr-csrf': '1' }),
      ...(cookie ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return { response, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function signIn(server: ServerProcess, email: string): Promise<string> {
  const { response } = await request(server, 'POST', '/api/v1/auth/sign-in', { email, password: PASSWORD });
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

const messageNamed =
  (body: string) =>
  (frame: ServerFrame): frame is Extract<ServerFrame, { kind: 'event' }> =>
    isEvent(frame) && frame.event.type === 'message.created' && frame.event.data.body === body;

/**
 * Two real app processes on one PostgreSQL database: a customer connected to one instance and an
 * agent connected to the other talk live, whichever way the fan-out goes.
 */
const FAN_OUTS: { fanOut: string; kind: string; env: Record<string, string> }[] = [
  { fanOut: 'PostgreSQL LISTEN/NOTIFY', kind: 'postgres', env: {} },
  { fanOut: 'Redis pub/sub', kind: 'redis', env: { REDIS_URL: 'redis://127.0.0.1:6379' } },
];

describe.each(FAN_OUTS)('live events across two instances over $fanOut', ({ kind, env }) => {
  let database: TestDatabase;
  let first: ServerProcess;
  let second: ServerProcess;
  const clients: LiveTestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const users = createUsersService(database.database.db);
    const at = new Date();
    await users.createUser({
      role: 'admin',
      email: 'admin@cluster.example',
      fullName: 'Ada Admin',
      password: PASSWORD,
      emailConfirmedAt: at,
    });
    await users.createUser({
      role: 'agent',
      email: 'agent@cluster.example',
      fullName: 'Arjun Agent',
      password: PASSWORD,
      emailConfirmedAt: at,
    });
    await users.createUser({
      role: 'customer',
      email: 'priya@cluster.example',
      fullName: 'Priya Raman',
      password: PASSWORD,
      emailConfirmedAt: at,
    });
    const processEnv = { DATABASE_URL: database.url ?? '', ...env };
    [first, second] = await Promise.all([startServer(processEnv), startServer(processEnv)]);
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.destroy();
  });

  it('delivers messages, typing and presence from one instance to clients of the other', async () => {
    for (const server of [first, second]) expect(server.output()).toContain(`"fanOut":"${kind}"`);
    const [category] = await database.database.db.insert(categories).values({ name: 'Orders' }).returning();
    if (!category) throw new Error('no category');
    const customerCookie = await signIn(first, 'priya@cluster.example');
    const agentCookie = await signIn(second, 'agent@cluster.example');
    const adminCookie = await signIn(first, 'admin@cluster.example');
    const raised = (
      await request(
        first,
        'POST',
        '/api/v1/tickets',
        { subject: 'Lost parcel', description: 'It never came', categoryId: category.id },
        customerCookie,
      )
    ).json as TicketDetail;
    const agentId = (await request(second, 'GET', '/api/v1/auth/session', undefined, agentCookie)).json as {
      user: { id: string };
    };
    await request(
      first,
      'POST',
      `/api/v1/tickets/${raised.id}/assign`,
      { agentId: agentId.user.id, version: raised.version },
      adminCookie,
    );

    const customerLive = await connectLive(first.url, customerCookie);
    clients.push(customerLive);
    await customerLive.next(isHello);
    customerLive.send({ kind: 'watch', ticketId: raised.id });
    const agentLive = await connectLive(second.url, agentCookie);
    clients.push(agentLive);
    await agentLive.next(isHello);
    agentLive.send({ kind: 'watch', ticketId: raised.id });

    const online = await customerLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'signal' }> =>
        isSignal(frame) &&
        frame.signal.type === 'presence' &&
        frame.signal.userId === agentId.user.id &&
        frame.signal.online,
    );
    expect(online.signal).toMatchObject({ online: true });

    const sent = (
      await request(
        first,
        'POST',
        `/api/v1/tickets/${raised.id}/messages`,
        { body: 'Any news?' },
        customerCookie,
      )
    ).json as MessageView;
    const atAgent = await agentLive.next(messageNamed('Any news?'));
    expect(atAgent.event.data.id).toBe(sent.id);

    await request(
      second,
      'POST',
      `/api/v1/tickets/${raised.id}/messages`,
      { body: 'On its way' },
      agentCookie,
    );
    await customerLive.next(messageNamed('On its way'));

    // Typing is not stored: it crosses instances through the fan-out alone.
    await new Promise((resolve) => setTimeout(resolve, 200));
    agentLive.send({ kind: 'typing', ticketId: raised.id });
    const typing = await customerLive.next(
      (frame): frame is Extract<ServerFrame, { kind: 'signal' }> =>
        isSignal(frame) && frame.signal.type === 'typing',
    );
    expect(typing.signal).toMatchObject({ ticketId: raised.id, user: { fullName: 'Arjun' } });
  });

  it('resumes on the other instance after one stops: every missed event once, in order', async () => {
    const adminCookie = await signIn(first, 'admin@cluster.example');
    const watcher = await connectLive(second.url, adminCookie);
    clients.push(watcher);
    const hello = await watcher.next(isHello);
    const customerCookie = await signIn(first, 'priya@cluster.example');
    const tickets = (await request(first, 'GET', '/api/v1/tickets', undefined, customerCookie)).json as {
      items: { id: string }[];
    };
    const ticketId = tickets.items[0]?.id ?? '';
    // The instance goes away: its clients are told to reconnect, elsewhere.
    await second.stop();
    expect((await watcher.closed).code).toBe(1001);

    for (const body of ['while away 1', 'while away 2', 'while away 3']) {
      await request(first, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body }, customerCookie);
    }
    const resumed = await connectLive(first.url, adminCookie, { after: hello.lastEventId });
    clients.push(resumed);
    await resumed.next(messageNamed('while away 3'));
    const bodies = resumed
      .events()
      .filter((event) => event.type === 'message.created')
      .map((event) => event.data.body);
    expect(bodies).toEqual(['while away 1', 'while away 2', 'while away 3']);
  });
});
