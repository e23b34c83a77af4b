/**
 * API load benchmark: generates a data set in a PostgreSQL database (bench/dataset.ts), starts the
 * built server as its own process and measures each endpoint with autocannon. A script to run by
 * hand, never part of `npm test`.
 *
 *   npm run build && npm run bench                          # 1,000,000 tickets, 10,000 customers, 100 agents
 *   BENCH_TICKETS=10000 npm run bench                       # the same at 10,000 tickets
 *   BENCH_DATABASE=ccr_big npm run bench                    # reuse (or create once and keep) a generated database
 *
 * Other knobs: BENCH_SECONDS (per run, 10), BENCH_RUNS (3; the table shows the median run),
 * BENCH_CONNECTIONS (50), BENCH_DOCS=0 (do not update docs/benchmarks.md), BENCH_ONLY (a regular
 * expression: run only the endpoints whose name matches; implies BENCH_DOCS=0), BENCH_NODE_ARGS (for
 * the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it), BENCH_WORKERS (the
 * server's WORKERS, 1).
 * Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres). A database it created is dropped
 * afterwards unless it was named with BENCH_DATABASE.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { POSTGRES_ADMIN_URL, postgresUrl } from '../test/helpers/postgres.js';
import { peakMemoryMiB, ROOT, startServer, workerPids } from '../test/helpers/process.js';
import {
  BENCH_SUBJECT,
  CREATOR,
  firstCategoryId,
  JSON_HEADERS,
  median,
  newestGeneratedTicket,
  signIn,
  withClient,
} from './common.js';
import { cpuAvailable, cpuSnapshot, cpuSpent } from './cpu-time.js';
import { generateDataset, PASSWORD } from './dataset.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? Math.min(10_000, Math.max(1_000, TICKETS / 10)));
const AGENTS = Number(process.env.BENCH_AGENTS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DEEP_PAGE = 200;
const BENCH_REPLY = 'Benchmark reply: we are looking into it.';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined;

const write = (line: string) => process.stdout.write(`${line}\n`);

interface Fixtures {
  ticketId: string;
  customerEmail: string;
  agentEmail: string;
  /** Up to 100 of that agent's tickets in progress: the replies go round them. */
  agentTicketIds: string[];
  categoryId: string;
}

async function fixtures(url: string): Promise<Fixtures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const customerTicket = await newestGeneratedTicket(client);
    // The busiest agent: the deepest queue to page through.
    const agent = await client.query<{ id: string; email: string; tickets: string[] | null }>(
      `select u.id, u.email,
              array(select id from tickets where agent_id = u.id and status = 'in_progress' limit 100) as tickets
       from users u where u.role = 'agent' and u.status = 'active'
       order by (select count(*) from tickets where agent_id = u.id) desc limit 1`,
    );
    // The replies of earlier runs on a kept database would pile up on these tickets (and slow the
    // agent's list with them); each run starts without them.
    await client.query(`delete from ticket_messages where body = $1`, [BENCH_REPLY]);
    // Emails earlier runs left pending (their server is gone) would otherwise be sent during this
    // run's measurements; the emails of this run's own creations and replies are sent as usual.
    await client.query(`update outbox_emails set status = 'sent', sent_at = now() where status = 'pending'`);
    const categoryId = await firstCategoryId(client);
    const agentRow = agent.rows[0];
    if (!agentRow?.tickets?.length) throw new Error('the data set lacks an agent');
    return {
      ticketId: customerTicket.id,
      customerEmail: customerTicket.email,
      agentEmail: agentRow.email,
      agentTicketIds: agentRow.tickets,
      categoryId,
    };
  } finally {
    await client.end();
  }
}

const randomIp = () => `10.${randomBytes(3).join('.')}`;

/** Follows the agent's list down `pages` pages (or to its last page) and returns that page's cursor. */
async function deepCursor(
  base: string,
  cookie: string,
  pages: number,
): Promise<{ cursor: string; page: number }> {
  let cursor = '';
  for (let page = 1; page <= pages; page++) {
    const response = await fetch(`${base}/api/v1/tickets?limit=25${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { cookie },
    });
    const body = (await response.json()) as { nextCursor?: string | null };
    if (!body.nextCursor) return { cursor, page };
    cursor = body.nextCursor;
  }
  return { cursor, page: pages + 1 };
}

interface Scenario {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  cookie?: string;
  /** A new path for every request (replies spread over tickets). */
  nextPath?: () => string;
  /** A new body for every request (unique client ids, spread sign-ins). */
  body?: () => string;
  headers?: () => Record<string, string>;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** CPU µs per answered request, in the app's processes and in PostgreSQL's. */
  appCpuUs: number;
  postgresCpuUs: number;
  failures: number;
}

async function runOnce(base: string, scenario: Scenario, appPids: readonly number[]): Promise<Run> {
  const before = cpuSnapshot(appPids);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: scenario.method ?? 'GET',
        path: scenario.path,
        setupRequest: (request) => ({
          ...request,
          ...(scenario.nextPath ? { path: scenario.nextPath() } : {}),
          headers: {
            ...(scenario.cookie ? { cookie: scenario.cookie } : {}),
            ...(scenario.body ? JSON_HEADERS : {}),
            ...scenario.headers?.(),
          },
          ...(scenario.body ? { body: scenario.body() } : {}),
        }),
      },
    ],
  });
  const spent = cpuSpent(before, cpuSnapshot(appPids));
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) write(`  ${scenario.name}: status codes ${JSON.stringify(result.statusCodeStats)}`);
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(1, result.requests.total));
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    appCpuUs: perRequest(spent.appMs),
    postgresCpuUs: perRequest(spent.postgresMs),
    failures,
  };
}

/**
 * Each endpoint starts from a vacuumed database: the writes of earlier runs leave dead rows behind,
 * and a server with autovacuum off (as on the machines these tables were measured on) would carry
 * them into every later measurement.
 */
async function vacuum(url: string): Promise<void> {
  await withClient(url, (client) => client.query('vacuum (analyze)'));
}

function scenarios(
  ids: Fixtures,
  cookies: { customer: string; creator: string; agent: string; admin: string },
  deep: { cursor: string; page: number },
) {
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 86_400_000);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  let signIns = 0;
  let replies = 0;
  const list: Scenario[] = [
    { name: 'GET one ticket (customer)', path: `/api/v1/tickets/${ids.ticketId}`, cookie: cookies.customer },
    {
      name: 'GET its thread (customer)',
      path: `/api/v1/tickets/${ids.ticketId}/messages`,
      cookie: cookies.customer,
    },
    { name: "GET a customer's ticket list", path: '/api/v1/tickets', cookie: cookies.customer },
    { name: "GET an agent's queue, first page", path: '/api/v1/tickets', cookie: cookies.agent },
    {
      name: `GET an agent's queue, page ${deep.page}`,
      path: `/api/v1/tickets?limit=25&cursor=${deep.cursor}`,
      cookie: cookies.agent,
    },
    { name: 'GET unassigned (admin)', path: '/api/v1/tickets?unassigned=true', cookie: cookies.admin },
    {
      name: 'GET report: volume, 30 days (admin)',
      path: `/api/v1/admin/reports/volume?from=${day(monthAgo)}&to=${day(today)}`,
      cookie: cookies.admin,
    },
    {
      name: 'POST create ticket (customer)',
      method: 'POST',
      path: '/api/v1/tickets',
      cookie: cookies.creator,
      body: () =>
        JSON.stringify({
          subject: BENCH_SUBJECT,
          description: 'A benchmark ticket',
          categoryId: ids.categoryId,
        }),
    },
    {
      name: 'POST reply (agent)',
      method: 'POST',
      path: `/api/v1/tickets/${ids.agentTicketIds[0]}/messages`,
      nextPath: () => `/api/v1/tickets/${ids.agentTicketIds[replies++ % ids.agentTicketIds.length]}/messages`,
      cookie: cookies.agent,
      body: () => JSON.stringify({ body: BENCH_REPLY, clientId: randomUUID() }),
    },
    {
      name: 'POST sign-in (argon2id)',
      method: 'POST',
      path: '/api/v1/auth/sign-in',
      // Spread over accounts and client addresses, as real traffic is, so the limits don't answer first.
      headers: () => ({ 'x-forwarded-for': randomIp() }),
      body: () =>
        JSON.stringify({ email: `customer${(signIns++ % CUSTOMERS) + 1}@bench.example`, password: PASSWORD }),
    },
  ];
  return list;
}

function updateDocs(table: string) {
  const file = `${ROOT}/docs/benchmarks.md`;
  const key = WORKERS === 1 ? `${TICKETS}` : `${TICKETS}:workers-${WORKERS}`;
  const start = `<!-- bench:api:${key} -->`;
  const end = `<!-- /bench:api:${key} -->`;
  const docs = readFileSync(file, 'utf8');
  const block = `${start}\n${table}\n${end}`;
  const from = docs.indexOf(start);
  const to = docs.indexOf(end);
  const next =
    from >= 0 && to > from
      ? docs.slice(0, from) + block + docs.slice(to + end.length)
      : `${docs.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

async function main() {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const kept = process.env.BENCH_DATABASE;
  const name = kept ?? `ccr_bench_${randomBytes(4).toString('hex')}`;
  const exists = (await admin.query(`select 1 from pg_database where datname = $1`, [name])).rowCount === 1;
  const url = postgresUrl(name);
  if (!exists) {
    await admin.query(`create database ${name}`);
    const summary = await generateDataset(url, {
      tickets: TICKETS,
      customers: CUSTOMERS,
      agents: AGENTS,
      log: (line) => write(`  ${line}`),
    });
    write(`Generated ${TICKETS} tickets, ${CUSTOMERS} customers, ${AGENTS} agents in ${summary.ms} ms`);
  }
  const ids = await fixtures(url);
  const server = await startServer(
    {
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      TRUST_PROXY: 'true',
      MESSAGES_PER_MINUTE: '1000000',
      ADMIN_EMAIL: 'admin@bench.example',
      ADMIN_PASSWORD: PASSWORD,
      WORKERS: String(WORKERS),
    },
    { built: true, nodeArgs: process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [] },
  );
  try {
    const base = server.url;
    // Each from its own address, as the sign-in limits are per address.
    const signInFrom = (email: string) => signIn(base, email, { 'x-forwarded-for': randomIp() });
    const cookies = {
      customer: await signInFrom(ids.customerEmail),
      creator: await signInFrom(CREATOR),
      agent: await signInFrom(ids.agentEmail),
      admin: await signInFrom('admin@bench.example'),
    };
    const deep = await deepCursor(base, cookies.agent, DEEP_PAGE);

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 10)} with ${TICKETS.toLocaleString('en')} tickets, ` +
        `${CUSTOMERS.toLocaleString('en')} customers, ${AGENTS} agents.`,
      `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
        `PostgreSQL on the same machine; autocannon on the same machine, ${CONNECTIONS} connections, ` +
        `${WORKERS === 1 ? 'one app process' : `${WORKERS} app processes (WORKERS=${WORKERS})`}, ` +
        `${SECONDS} s per run, median of ${RUNS} runs.`,
      '',
      '| endpoint | req/s | p50 ms | p99 ms | app CPU µs/req | PostgreSQL CPU µs/req | failed requests |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    ];
    write(lines.join('\n'));
    const primary = server.child.pid ?? 0;
    const workers = WORKERS > 1 ? workerPids(primary) : [];
    const appPids = [primary, ...workers];
    const measuresCpu = cpuAvailable();
    for (const scenario of scenarios(ids, cookies, deep).filter((s) => !ONLY || ONLY.test(s.name))) {
      await vacuum(url);
      const runs: Run[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await runOnce(base, scenario, appPids));
      const middle = (pick: (run: Run) => number) => median(runs.map(pick)).toLocaleString('en');
      const cells = [
        scenario.name,
        middle((r) => r.rps),
        middle((r) => r.p50),
        middle((r) => r.p99),
        measuresCpu ? middle((r) => r.appCpuUs) : 'n/a',
        measuresCpu ? middle((r) => r.postgresCpuUs) : 'n/a',
        runs.reduce((sum, r) => sum + r.failures, 0),
      ];
      const line = `| ${cells.join(' | ')} |`;
      write(line);
      lines.push(line);
    }
    const peaks = (WORKERS > 1 ? workers : [primary]).map(peakMemoryMiB);
    const peak =
      `\nCPU µs/req: the CPU time the app's processes, and all of PostgreSQL's, spent per answered request.\n` +
      `Server peak resident memory (VmHWM): ${peaks.join(' + ')} MiB${WORKERS > 1 ? ' (each worker)' : ''}.`;
    write(peak);
    lines.push(peak);
    if (process.env.BENCH_DOCS !== '0' && !ONLY) updateDocs(lines.join('\n'));
  } finally {
    await server.stop();
    if (!kept) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
