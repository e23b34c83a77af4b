/**
 * Live-message latency: many customers connected to /api/v1/live, an agent replying on their
 * tickets, and the time from sending a reply (HTTP) to its arrival on the customer's socket.
 * A script to run by hand, never part of `npm test`.
 *
 *   npm run build && npm run bench:live                       # 2,000 clients, 300 replies
 *   BENCH_CLIENTS=500 BENCH_MESSAGES=1000 BENCH_RATE=50 npm run bench:live
 *
 * Needs the PostgreSQL server at 127.0.0.1:5432; REDIS_URL=redis://127.0.0.1:6379 measures the
 * Redis fan-out instead of LISTEN/NOTIFY.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import WebSocket from 'ws';
import { openDatabase } from '../src/server/db/connection.js';
import { hashPassword } from '../src/server/security/passwords.js';
import { newToken, sha256 } from '../src/server/security/tokens.js';
import type { ServerFrame } from '../src/shared/contracts/live.js';
import { POSTGRES_ADMIN_URL, postgresUrl } from '../test/helpers/postgres.js';
import { freePort, peakMemoryMiB, startServer } from '../test/helpers/process.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300);
/** Replies per second the agent sends. */
const RATE = Number(process.env.BENCH_RATE ?? 20);

const write = (line: string) => process.stdout.write(`${line}\n`);

/** One person may send 30 messages a minute: the replies are spread over enough agents. */
const AGENTS = Math.max(1, Math.ceil(MESSAGES / 25));

/** Customers with one ticket each, spread over the agents, and a session per user (no sign-in). */
async function seed(url: string) {
  const database = await openDatabase({ url, poolSize: 2 });
  await database.migrate();
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const hash = await hashPassword('benchmark password');
  await client.query(
    `insert into users (email, full_name, password_hash, role, email_confirmed_at)
     select 'customer' || g || '@bench.example', 'Customer ' || g, $1, 'customer', now()
     from generate_series(1, $2) g`,
    [hash, CLIENTS],
  );
  const agents = await client.query<{ id: string }>(
    `insert into users (email, full_name, password_hash, role, languages)
     select 'agent' || g || '@bench.example', 'Agent ' || g, $1, 'agent', '{en}' from generate_series(1, $2) g
     returning id`,
    [hash, AGENTS],
  );
  const agentIds = agents.rows.map((row) => row.id);
  await client.query(`insert into categories (name) values ('Orders')`);
  const tickets = await client.query<{ id: string; customer_id: string; agent_id: string }>(
    `insert into tickets (reference, customer_id, category_id, agent_id, subject, description, language, status)
     select 'CCR-L' || n, c.id, (select id from categories limit 1), ($1::uuid[])[1 + (n % $2)],
            'Where is my order?', 'It has not arrived.', 'en', 'in_progress'
     from (select id, row_number() over (order by email) as n from users where role = 'customer') c
     returning id, customer_id, agent_id`,
    [agentIds, AGENTS],
  );
  const users = [...agentIds, ...tickets.rows.map((row) => row.customer_id)];
  const tokens = users.map(() => newToken());
  await client.query(
    `insert into sessions (token_hash, user_id, expires_at)
     select h, u, now() + interval '1 day' from unnest($1::text[], $2::uuid[]) as t(h, u)`,
    [tokens.map(sha256), users],
  );
  await client.end();
  const cookieOf = (userId: string) => `ccr_session=${tokens[users.indexOf(userId)] ?? ''}`;
  return {
    customers: tickets.rows.map((row) => ({
      ticketId: row.id,
      cookie: cookieOf(row.customer_id),
      agentCookie: cookieOf(row.agent_id),
    })),
  };
}

function connect(base: string, cookie: string, onFrame: (frame: ServerFrame) => void): Promise<WebSocket> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/live`, {
    headers: { cookie, origin: base },
  });
  socket.on('message', (raw: Buffer) => onFrame(JSON.parse(raw.toString('utf8')) as ServerFrame));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** The server's peak resident memory, from the kernel. */
async function main() {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const name = `ccr_bench_live_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = postgresUrl(name);
  const seeded = await seed(url);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(
    {
      DATABASE_URL: url,
      PORT: String(port),
      PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    },
    { built: true },
  );
  const sockets: WebSocket[] = [];
  try {
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const started = Date.now();
    for (const customer of seeded.customers) {
      sockets.push(
        await connect(base, customer.cookie, (frame) => {
          if (frame.kind !== 'event' || frame.event.type !== 'message.created') return;
          const clientId = (frame.event.data as { clientId?: string }).clientId ?? '';
          const sent = sentAt.get(clientId);
          if (sent !== undefined) latencies.push(performance.now() - sent);
        }),
      );
    }
    write(`Connected ${sockets.length} clients in ${Date.now() - started} ms`);

    const interval = 1000 / RATE;
    const failures: string[] = [];
    const sends: Promise<void>[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      // Consecutive replies go to tickets of different agents.
      const customer = seeded.customers[(i * 7919) % seeded.customers.length];
      if (!customer) break;
      const clientId = randomUUID();
      sentAt.set(clientId, performance.now());
      sends.push(
        fetch(`${base}/api/v1/tickets/${customer.ticketId}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-ccr-csrf': '1', cookie: customer.agentCookie },
          body: JSON.stringify({ body: `Reply ${i}`, clientId }),
        }).then(async (response) => {
          if (!response.ok) failures.push(`${response.status} ${await response.text()}`);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    await Promise.all(sends);
    if (failures.length > 0) write(`${failures.length} replies failed, e.g. ${failures[0]}`);
    const deadline = Date.now() + 10_000;
    while (latencies.length < MESSAGES && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    write(
      `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; server, PostgreSQL and clients on the same machine`,
    );
    write(`Fan-out: ${process.env.REDIS_URL ? 'Redis pub/sub' : 'PostgreSQL LISTEN/NOTIFY'}`);
    write(`| clients | replies | received | p50 ms | p99 ms | max ms | server peak RSS MiB |`);
    write(`| --- | --- | --- | --- | --- | --- | --- |`);
    write(
      `| ${sockets.length} | ${MESSAGES} | ${latencies.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${(sorted.at(-1) ?? NaN).toFixed(1)} | ${server.child.pid ? peakMemoryMiB(server.child.pid) : 0} |`,
    );
  } finally {
    for (const socket of sockets) socket.terminate();
    await server.stop();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
