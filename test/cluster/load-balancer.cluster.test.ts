import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { categories, ticketMessages } from '../../src/server/db/schema.js';
import { createUsersService } from '../../src/server/features/users/users.service.js';
import type { LiveEvent } from '../../src/shared/contracts/live.js';
import type { MessageView, TicketDetail } from '../../src/shared/contracts/tickets.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { connectLive, isEvent, isHello, type LiveTestClient } from '../helpers/live-client.js';
import { startNginx, type LoadBalancer } from '../helpers/nginx.js';
import { freePort, startServer, type ServerProcess } from '../helpers/process.js';
import { createSmtpReceiver, waitFor, type SmtpReceiver } from '../helpers/smtp-receiver.js';

const PASSWORD = 'cluster password 1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  /** 0: the request failed on the network (no HTTP answer at all). */
  status: number;
  json: unknown;
  text: string;
}

/** One request that never throws: the tests count failures instead. */
async function call(
  base: string,
  method: string,
  path: string,
  cookie = '',
  body?: unknown,
): Promise<Answer> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-ccr-csrf': '1' }),
        ...(cookie ? { cookie } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      json: text.startsWith('{') ? (JSON.parse(text) as unknown) : undefined,
    };
  } catch (error) {
    return { status: 0, text: String(error), json: undefined };
  }
}

async function ok<T>(answer: Promise<Answer>): Promise<T> {
  const { status, text, json } = await answer;
  if (status < 200 || status > 299) throw new Error(`${status} ${text}`);
  return json as T;
}

async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ccr-csrf': '1' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${email}: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

/**
 * A live client as the web app behaves: when its instance goes away (1001) it reconnects through
 * the load balancer with `?after=` the last event id it saw. Every connection is kept for the checks.
 */
interface ResumingClient {
  /** The ids of every message.created event received, over all connections, duplicates included. */
  messageIds(): string[];
  /** How many times the instance closed the connection with "going away". */
  goingAway(): number;
  /** Close codes other than "going away" (none expected). */
  unexpectedCloses(): number[];
  close(): Promise<void>;
}

async function resumingClient(base: string, cookie: string, ticketId: string): Promise<ResumingClient> {
  let closing = false;
  let goingAway = 0;
  const unexpected: number[] = [];
  let lastEventId = 0;
  const connections: LiveTestClient[] = [];
  const events = (): LiveEvent[] => connections.flatMap((connection) => connection.events());
  const open = async (after?: number) => {
    const connection = await connectLive(base, cookie, after === undefined ? {} : { after });
    connections.push(connection);
    if (after === undefined) lastEventId = (await connection.next(isHello)).lastEventId;
    connection.socket.on('message', () => {
      const last = connection.frames.at(-1);
      if (last && isEvent(last)) lastEventId = Math.max(lastEventId, last.event.id);
    });
    connection.send({ kind: 'watch', ticketId });
    void connection.closed.then(async ({ code }) => {
      if (closing) return;
      if (code !== 1001) {
        unexpected.push(code);
        return;
      }
      goingAway += 1;
      // Reconnect at once, as the web app does; through nginx this lands on an instance still up.
      while (!closing) {
        try {
          await open(lastEventId);
          return;
        } catch {
          await sleep(50);
        }
      }
    });
  };
  await open();
  return {
    messageIds: () =>
      events()
        .filter((event) => event.type === 'message.created')
        .map((event) => (event.data as { id: string }).id),
    goingAway: () => goingAway,
    unexpectedCloses: () => unexpected,
    async close() {
      closing = true;
      for (const connection of connections) {
        if (connection.socket.readyState !== WebSocket.CLOSED) await connection.close();
      }
    },
  };
}

/**
 * Two app processes on one PostgreSQL database behind Debian's nginx, as in production: sessions,
 * live messages and the email outbox shared; an instance stopping, or both restarting in turn
 * under load, costs no request and no message.
 */
describe('two instances behind nginx', () => {
  let database: TestDatabase;
  let smtp: SmtpReceiver;
  let nginx: LoadBalancer;
  const ports: [number, number] = [0, 0];
  const instances: ServerProcess[] = [];
  let env: Record<string, string>;
  let categoryId: string;
  let adminCookie: string;
  let agentCookie: string;
  let agentId: string;
  const users = () => createUsersService(database.database.db);

  async function createPeople(role: 'customer' | 'agent' | 'admin', emails: string[]) {
    for (const email of emails) {
      await users().createUser({
        role,
        email,
        fullName: `${role} ${email}`,
        password: PASSWORD,
        emailConfirmedAt: new Date(),
      });
    }
  }

  async function raise(base: string, cookie: string, subject: string): Promise<TicketDetail> {
    return ok<TicketDetail>(
      call(base, 'POST', '/api/v1/tickets', cookie, {
        subject,
        description: 'Details of the problem',
        categoryId,
      }),
    );
  }

  const startInstance = (index: 0 | 1) => startServer({ ...env, PORT: String(ports[index]) });

  /** SIGTERM and the exit code; a stop that hangs fails with what the instance logged. */
  async function stopInstance(index: 0 | 1): Promise<number | null> {
    const instance = instances[index];
    if (!instance) throw new Error('no instance');
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        instance.child.kill('SIGKILL');
        reject(new Error(`instance ${index} did not stop within 20 s:\n${instance.output().slice(-4000)}`));
      }, 20_000);
    });
    try {
      return await Promise.race([instance.stop(), hung]);
    } finally {
      clearTimeout(timer);
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await createPeople('admin', ['admin@lb.example']);
    await createPeople('agent', ['agent@lb.example']);
    const [category] = await database.database.db.insert(categories).values({ name: 'Orders' }).returning();
    categoryId = category?.id ?? '';
    smtp = await createSmtpReceiver();
    await smtp.start();
    ports[0] = await freePort();
    ports[1] = await freePort();
    nginx = await startNginx(ports);
    env = {
      DATABASE_URL: database.url ?? '',
      PUBLIC_URL: nginx.url,
      TRUST_PROXY: 'true',
      SMTP_URL: smtp.url,
      NEW_DEVICE_CODES: 'off',
      LOG_LEVEL: 'warn',
    };
    instances.push(...(await Promise.all([startInstance(0), startInstance(1)])));
    adminCookie = await signIn(nginx.url, 'admin@lb.example');
    agentCookie = await signIn(nginx.url, 'agent@lb.example');
    agentId = (
      await ok<{ user: { id: string } }>(call(nginx.url, 'GET', '/api/v1/auth/session', agentCookie))
    ).user.id;
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await nginx?.stop();
    await smtp?.stop();
    await database?.destroy();
  });

  async function assignedTicket(customerCookie: string, subject: string): Promise<TicketDetail> {
    const raised = await raise(nginx.url, customerCookie, subject);
    return ok<TicketDetail>(
      call(nginx.url, 'POST', `/api/v1/tickets/${raised.id}/assign`, adminCookie, {
        agentId,
        version: raised.version,
      }),
    );
  }

  it('keeps a session signed in through nginx on both instances', async () => {
    await createPeople('customer', ['sessions@lb.example']);
    const cookie = await signIn(nginx.url, 'sessions@lb.example');
    for (const base of [nginx.url, nginx.url, ...instances.map((instance) => instance.url)]) {
      const session = await ok<{ user: { email: string } }>(
        call(base, 'GET', '/api/v1/auth/session', cookie),
      );
      expect(session.user.email).toBe('sessions@lb.example');
    }
    // A write on each instance with the cookie nginx's answer set.
    for (const instance of instances) await raise(instance.url, cookie, `Raised on ${instance.url}`);
    const list = await ok<{ items: unknown[] }>(call(nginx.url, 'GET', '/api/v1/tickets', cookie));
    expect(list.items).toHaveLength(2);
    // Without the cookie, the same instance refuses: it is the shared session that signs in.
    const denied = await call(instances[0]?.url ?? '', 'GET', '/api/v1/auth/session');
    expect(denied.status).toBe(401);
  });

  it('carries live messages across instances, whichever one each client landed on', async () => {
    await createPeople('customer', ['live@lb.example']);
    const cookie = await signIn(nginx.url, 'live@lb.example');
    const ticket = await assignedTicket(cookie, 'Live across instances');
    const customer = await resumingClient(nginx.url, cookie, ticket.id);
    const agent = await resumingClient(nginx.url, agentCookie, ticket.id);
    try {
      const [a, b] = instances;
      const fromA = await ok<MessageView>(
        call(a?.url ?? '', 'POST', `/api/v1/tickets/${ticket.id}/messages`, cookie, { body: 'Sent to A' }),
      );
      const fromB = await ok<MessageView>(
        call(b?.url ?? '', 'POST', `/api/v1/tickets/${ticket.id}/messages`, agentCookie, {
          body: 'Sent to B',
        }),
      );
      for (const client of [customer, agent]) {
        await waitFor(() => client.messageIds().length === 2, 5_000);
        expect(client.messageIds()).toEqual([fromA.id, fromB.id]);
      }
    } finally {
      await customer.close();
      await agent.close();
    }
  });

  it('sends each email once although both instances run the outbox worker', async () => {
    await createPeople('customer', ['mail@lb.example']);
    const cookie = await signIn(nginx.url, 'mail@lb.example');
    const raised: TicketDetail[] = [];
    // Each instance writes to the outbox and wakes its own worker; the other one polls too.
    for (let i = 0; i < 6; i += 1)
      raised.push(await raise(instances[i % 2]?.url ?? '', cookie, `Email ${i}`));
    const toCustomer = () => smtp.received.filter((email) => email.rcptTo.includes('mail@lb.example'));
    await waitFor(() => toCustomer().length >= raised.length, 15_000);
    // Both workers poll every second: give each a couple more turns to send anything twice.
    await sleep(2_500);
    expect(toCustomer()).toHaveLength(raised.length);
    const texts = toCustomer().map((email) => `${email.mail.subject ?? ''} ${email.mail.text ?? ''}`);
    for (const ticket of raised) {
      expect(texts.filter((text) => text.includes(ticket.reference))).toHaveLength(1);
    }
    expect(new Set(toCustomer().map((email) => email.mail.messageId)).size).toBe(raised.length);
  });

  it('loses no message and no request when an instance stops while clients are connected', async () => {
    await createPeople('customer', ['stop@lb.example']);
    const cookie = await signIn(nginx.url, 'stop@lb.example');
    const ticket = await assignedTicket(cookie, 'Stopping an instance');
    // Opened one after the other, round robin spreads them over both instances.
    const clients = [
      await resumingClient(nginx.url, cookie, ticket.id),
      await resumingClient(nginx.url, agentCookie, ticket.id),
      await resumingClient(nginx.url, cookie, ticket.id),
      await resumingClient(nginx.url, agentCookie, ticket.id),
    ];
    const accepted: string[] = [];
    const failed: string[] = [];
    let sending = true;
    const writer = async (author: string) => {
      for (let i = 0; sending; i += 1) {
        const answer = await call(nginx.url, 'POST', `/api/v1/tickets/${ticket.id}/messages`, author, {
          body: `message ${i}`,
          clientId: randomUUID(),
        });
        if (answer.status >= 200 && answer.status < 300) accepted.push((answer.json as MessageView).id);
        else failed.push(`${answer.status} ${answer.text}`);
        await sleep(150);
      }
    };
    try {
      const writers = [writer(cookie), writer(agentCookie)];
      await sleep(800);
      expect(await stopInstance(0)).toBe(0);
      await sleep(1_200);
      sending = false;
      await Promise.all(writers);

      // What this asserts: no request failed at all (an instance stopping is invisible to callers),
      // every message that was answered 2xx is stored, and every live client, whichever instance it
      // was on, received each of them exactly once, those sent while it was reconnecting included.
      expect(failed).toEqual([]);
      expect(accepted.length).toBeGreaterThan(6);
      const stored = await database.database.db
        .select({ id: ticketMessages.id })
        .from(ticketMessages)
        .where(inArray(ticketMessages.id, accepted));
      expect(stored).toHaveLength(accepted.length);
      expect(clients.reduce((sum, client) => sum + client.goingAway(), 0)).toBeGreaterThan(0);
      for (const client of clients) {
        await waitFor(() => client.messageIds().length >= accepted.length, 5_000);
        expect([...client.messageIds()].sort()).toEqual([...accepted].sort());
        expect(client.unexpectedCloses()).toEqual([]);
      }
    } finally {
      sending = false;
      for (const client of clients) await client.close();
    }
    instances[0] = await startInstance(0);
  });

  it('restarts both instances in turn under load with zero failed requests', async () => {
    // 20 concurrent clients: two browser tabs for each of 10 customers (fewer sign-ins to wait for).
    const emails = Array.from({ length: 10 }, (_, i) => `load${i}@lb.example`);
    await createPeople('customer', emails);
    const people: { cookie: string; ticketId: string }[] = [];
    for (const email of emails) {
      const cookie = await signIn(nginx.url, email);
      people.push({ cookie, ticketId: (await raise(nginx.url, cookie, `Load ${email}`)).id });
    }
    let running = true;
    let requests = 0;
    const failures: string[] = [];
    const posted: string[] = [];
    const record = (what: string, answer: Answer) => {
      requests += 1;
      if (answer.status < 200 || answer.status > 299)
        failures.push(`${what}: ${answer.status} ${answer.text}`);
      return answer;
    };
    // Reads as fast as they come back; a message every 5 s per tab (the send limit is 30 a minute).
    const loop = async ({ cookie, ticketId }: { cookie: string; ticketId: string }) => {
      let lastPost = 0;
      while (running) {
        record('list', await call(nginx.url, 'GET', '/api/v1/tickets', cookie));
        record('get', await call(nginx.url, 'GET', `/api/v1/tickets/${ticketId}`, cookie));
        if (Date.now() - lastPost > 5_000) {
          lastPost = Date.now();
          const answer = record(
            'post',
            await call(nginx.url, 'POST', `/api/v1/tickets/${ticketId}/messages`, cookie, {
              body: `under load ${lastPost}`,
              clientId: randomUUID(),
            }),
          );
          if (answer.status >= 200 && answer.status < 300) posted.push((answer.json as MessageView).id);
        }
        await sleep(20);
      }
    };
    const loops = [...people, ...people].map(loop);
    try {
      await sleep(1_000);
      for (const index of [0, 1] as const) {
        expect(await stopInstance(index)).toBe(0);
        await sleep(300);
        instances[index] = await startInstance(index);
        await sleep(1_000);
      }
    } finally {
      running = false;
      await Promise.all(loops);
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(200);
    // The instances really were down while requests flowed: nginx met them and went to the other.
    expect(await nginx.errorLog()).toContain('Connection refused) while connecting to upstream');
    expect(posted.length).toBeGreaterThanOrEqual(people.length * 2);
    const stored = await database.database.db
      .select({ id: ticketMessages.id })
      .from(ticketMessages)
      .where(inArray(ticketMessages.id, posted));
    expect(stored).toHaveLength(posted.length);
  });
});
