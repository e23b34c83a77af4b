/**
 * Report timings at scale: fills a PostgreSQL database with bench/dataset.ts (or reuses one), starts
 * the built server as its own process and times every report for a 30-day and a 365-day range, with
 * no filter, a category and an agent: the median of 5 requests each. A script to run by hand.
 *
 *   npm run build && npm run bench:reports                    # 1,000,000 tickets (about 20 min to fill)
 *   BENCH_TICKETS=100000 npm run bench:reports
 *   BENCH_DATABASE=ccr_reports_1m npm run bench:reports       # reuse a filled database, keep it
 *
 * Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres). A database it created is dropped
 * afterwards unless BENCH_KEEP_DATABASE is set.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/server/db/connection.js';
import { POSTGRES_ADMIN_URL, postgresUrl } from '../test/helpers/postgres.js';
import { startServer } from '../test/helpers/process.js';
import { generateDataset, PASSWORD } from './dataset.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const REUSE = process.env.BENCH_DATABASE;
const RUNS = 5;
const KINDS = ['volume', 'backlog', 'response-times', 'satisfaction', 'agents'] as const;

const write = (line: string) => process.stdout.write(`${line}\n`);
const day = (date: Date) => date.toISOString().slice(0, 10);

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ccr-csrf': '1' },
    body: JSON.stringify({ email: 'admin@bench.example', password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

async function median(url: string, cookie: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(RUNS / 2)] ?? 0);
}

async function main() {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const name = REUSE ?? `ccr_bench_reports_${randomBytes(4).toString('hex')}`;
  const url = postgresUrl(name);
  if (!REUSE) {
    await admin.query(`create database ${name}`);
    const summary = await generateDataset(url, { tickets: TICKETS, log: (line) => write(`  ${line}`) });
    write(`Generated ${summary.tickets} tickets in ${Math.round(summary.ms / 1000)} s`);
  } else {
    // A reused database gets this build's migrations (the report indexes) and a fresh visibility map.
    const database = await openDatabase({ url, poolSize: 2 });
    await database.migrate();
    await database.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('vacuum analyze tickets');
    await client.query('vacuum analyze ticket_ratings');
    await client.end();
  }
  const server = await startServer(
    { DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    { built: true },
  );
  try {
    const base = server.url;
    const cookie = await signIn(base);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const ids = await client.query<{ category: string; agent: string; tickets: string }>(
      `select (select id from categories order by name limit 1) as category,
              (select id from users where email = 'agent1@bench.example') as agent,
              (select count(*) from tickets)::text as tickets`,
    );
    await client.end();
    const { category, agent, tickets } = ids.rows[0] ?? { category: '', agent: '', tickets: '?' };
    const load = os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(', ');
    write(
      `\n${tickets} tickets. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL on the same machine; load average at start ${load}`,
    );
    write(`Median of ${RUNS} requests, ms (whole HTTP request, JSON)\n`);
    write(`| report | 30 d | 30 d, category | 30 d, agent | 365 d | 365 d, category | 365 d, agent |`);
    write('| --- | --- | --- | --- | --- | --- | --- |');
    const today = new Date();
    for (const kind of KINDS) {
      const cells: number[] = [];
      for (const days of [30, 365]) {
        const from = day(new Date(today.getTime() - (days - 1) * 86_400_000));
        for (const filter of ['', `&categoryId=${category}`, `&agentId=${agent}`]) {
          cells.push(
            await median(
              `${base}/api/v1/admin/reports/${kind}?from=${from}&to=${day(today)}${filter}`,
              cookie,
            ),
          );
        }
      }
      write(`| ${kind} | ${cells.join(' | ')} |`);
    }
    write(
      `\nLoad average at the end: ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(', ')}`,
    );
  } finally {
    await server.stop();
    if (REUSE || process.env.BENCH_KEEP_DATABASE) write(`Kept the database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
