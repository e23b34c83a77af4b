/**
 * API load benchmark: seeds a PostgreSQL database, starts the built server as its own process and
 * measures the main endpoints with autocannon. A script to run by hand, never part of `npm test`.
 *
 *   npm run build && npm run bench                      # 20,000 tickets, 10 s per endpoint
 *   BENCH_TICKETS=200000 BENCH_SECONDS=20 npm run bench
 *
 * Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres); its database is dropped afterwards
 * unless BENCH_KEEP_DATABASE is set (to look at query plans).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashPassword } from '../src/server/security/passwords.js';
import { POSTGRES_ADMIN_URL, postgresUrl } from '../test/helpers/postgres.js';
import { freePort, ROOT } from '../test/helpers/process.js';
import { openDatabase } from '../src/server/db/connection.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 20_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PASSWORD = 'benchmark password';

const write = (line: string) => process.stdout.write(`${line}\n`);

async function seed(url: string) {
  const database = await openDatabase({ url, poolSize: 2 });
  await database.migrate();
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const hash = await hashPassword(PASSWORD);
  await client.query(
    `insert into users (email, full_name, password_hash, role, email_confirmed_at)
     select 'customer' || g || '@bench.example', 'Customer ' || g, $1, 'customer', now() from generate_series(1, $2) g`,
    [hash, CUSTOMERS],
  );
  await client.query(
    `insert into users (email, full_name, password_hash, role, languages)
     select 'agent' || g || '@bench.example', 'Agent ' || g, $1, 'agent', '{en}' from generate_series(1, $2) g`,
    [hash, AGENTS],
  );
  await client.query(
    `insert into users (email, full_name, password_hash, role) values ('admin@bench.example', 'Admin', $1, 'admin')`,
    [hash],
  );
  await client.query(`insert into categories (name) select 'Category ' || g from generate_series(1, 5) g`);
  await client.query(
    `insert into agent_categories (agent_id, category_id)
     select u.id, c.id from users u cross join categories c where u.role = 'agent'`,
  );
  await client.query(
    `with c as (select id, row_number() over (order by email) - 1 as n from users where role = 'customer'),
          a as (select id, row_number() over (order by email) - 1 as n from users where role = 'agent'),
          k as (select id, row_number() over (order by name) - 1 as n from categories)
     insert into tickets (reference, customer_id, category_id, agent_id, subject, description, language, status,
                          created_at, updated_at)
     select 'CCR-B' || g, c.id, k.id, case when g % 10 = 0 then null else a.id end,
            'Order ' || g || ' has not arrived', 'The parcel for order ' || g || ' never came.', 'en',
            case when g % 10 = 0 then 'open' when g % 3 = 0 then 'resolved' else 'in_progress' end,
            now() - make_interval(mins => $1 - g), now() - make_interval(mins => $1 - g)
     from generate_series(1, $1) g
     join c on c.n = g % $2 join a on a.n = g % $3 join k on k.n = g % 5`,
    [TICKETS, CUSTOMERS, AGENTS],
  );
  await client.query(
    `insert into ticket_messages (ticket_id, author_id, body, created_at)
     select t.id, t.customer_id, 'Any news about my order?', t.created_at + interval '1 minute' from tickets t`,
  );
  await client.query('analyze');
  const sample = await client.query<{ id: string; email: string }>(
    `select t.id, u.email from tickets t join users u on u.id = t.customer_id order by t.created_at desc limit 1`,
  );
  const category = await client.query<{ id: string }>(`select id from categories limit 1`);
  await client.end();
  return {
    ticketId: sample.rows[0]?.id ?? '',
    customerEmail: sample.rows[0]?.email ?? '',
    categoryId: category.rows[0]?.id ?? '',
  };
}

async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ccr-csrf': '1' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

interface Scenario {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  cookie?: string;
  body?: string;
}

async function measure(base: string, scenario: Scenario) {
  const result = await autocannon({
    url: `${base}${scenario.path}`,
    method: scenario.method ?? 'GET',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: {
      ...(scenario.cookie ? { cookie: scenario.cookie } : {}),
      ...(scenario.body ? { 'content-type': 'application/json', 'x-ccr-csrf': '1' } : {}),
    },
    ...(scenario.body ? { body: scenario.body } : {}),
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) write(`  ${scenario.name}: status codes ${JSON.stringify(result.statusCodeStats)}`);
  return `| ${scenario.name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${failures} |`;
}

async function main() {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const name = `ccr_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = postgresUrl(name);
  const port = await freePort();
  const server = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ADMIN_EMAIL: 'first@bench.example',
      ADMIN_PASSWORD: PASSWORD,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const started = Date.now();
    const ids = await seed(url);
    write(
      `Seeded ${TICKETS} tickets, ${CUSTOMERS} customers, ${AGENTS} agents in ${Date.now() - started} ms`,
    );
    const base = `http://127.0.0.1:${port}`;
    for (
      let i = 0;
      i < 100 &&
      !(await fetch(`${base}/readyz`)
        .then((r) => r.ok)
        .catch(() => false));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const customer = await signIn(base, ids.customerEmail);
    const agent = await signIn(base, 'agent1@bench.example');
    const adminCookie = await signIn(base, 'admin@bench.example');

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    write(
      `\nMachine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL server on the same machine`,
    );
    write(
      `Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per endpoint, load generator on the same machine\n`,
    );
    write('| endpoint | req/s | p50 ms | p99 ms | failures |');
    write('| --- | --- | --- | --- | --- |');
    const scenarios: Scenario[] = [
      { name: 'GET one ticket (customer)', path: `/api/v1/tickets/${ids.ticketId}`, cookie: customer },
      { name: "GET a customer's ticket list", path: '/api/v1/tickets', cookie: customer },
      { name: "GET an agent's list", path: '/api/v1/tickets', cookie: agent },
      { name: 'GET all tickets, admin, first page', path: '/api/v1/tickets?limit=25', cookie: adminCookie },
      { name: 'GET unassigned (admin)', path: '/api/v1/tickets?unassigned=true', cookie: adminCookie },
      { name: 'GET thread messages', path: `/api/v1/tickets/${ids.ticketId}/messages`, cookie: customer },
      {
        name: 'POST create ticket',
        method: 'POST',
        path: '/api/v1/tickets',
        cookie: customer,
        body: JSON.stringify({
          subject: 'Bench',
          description: 'A benchmark ticket',
          categoryId: ids.categoryId,
        }),
      },
    ];
    for (const scenario of scenarios) write(await measure(base, scenario));
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    if (process.env.BENCH_KEEP_DATABASE) write(`Kept the database ${name} (BENCH_KEEP_DATABASE)`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
