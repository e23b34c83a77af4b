/**
 * A paired A/B of two builds on one generated database: starts the built server of another checkout
 * (the baseline: BENCH_BASELINE, e.g. a `git worktree` at an older commit with its own `npm ci` and
 * `npm run build`) and of this one, then measures one endpoint on each in turn, in short runs that
 * alternate. On a shared machine whose speed drifts by half within minutes, back-to-back runs are
 * the only fair comparison. Prints each pair and the median of the ratios.
 *
 *   BENCH_BASELINE=/tmp/old BENCH_DATABASE=ccr_bench_1m npx tsx bench/paired.ts
 *
 * Knobs: BENCH_PATH (the endpoint, /api/v1/tickets), BENCH_EMAIL (who signs in: by default the
 * customer of the newest generated ticket, the reader of `npm run bench`'s customer list),
 * BENCH_ROUNDS (8), BENCH_SECONDS (3 per run), BENCH_CONNECTIONS (50). BENCH_BODY (JSON) makes the
 * requests POSTs with that body, `{uuid}` in it replaced by a new UUID in each request (a reply's
 * clientId); `{category}` stands for the data set's first category (a new ticket's categoryId):
 *
 *   BENCH_EMAIL=customer1@bench.example \
 *   BENCH_BODY='{"subject":"Bench","description":"A benchmark ticket","categoryId":"{category}"}' …
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type pg from 'pg';
import { postgresUrl } from '../test/helpers/postgres.js';
import { startServer, type ServerProcess } from '../test/helpers/process.js';
import {
  firstCategoryId,
  JSON_HEADERS,
  median,
  newestGeneratedTicket,
  signIn,
  withClient,
} from './common.js';

const BASELINE = process.env.BENCH_BASELINE;
const DATABASE = process.env.BENCH_DATABASE;
const PATH = process.env.BENCH_PATH ?? '/api/v1/tickets';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const write = (line: string) => process.stdout.write(`${line}\n`);

/** The POST body of each request (BENCH_BODY), or undefined for GETs. */
type Body = (() => string) | undefined;

async function requestsPerSecond(base: string, cookie: string, body: Body): Promise<number> {
  const result = await autocannon({
    url: `${base}${PATH}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: body ? 'POST' : 'GET',
        setupRequest: (request) => ({
          ...request,
          headers: {
            cookie,
            ...(body ? JSON_HEADERS : {}),
          },
          ...(body ? { body: body() } : {}),
        }),
      },
    ],
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) throw new Error(`${failures} failed requests at ${base}${PATH}`);
  return result.requests.average;
}

/** Who signs in (BENCH_EMAIL, or the newest generated ticket's customer) and what each request sends. */
async function readerAndBody(client: pg.Client): Promise<{ email: string; body: Body }> {
  const email = process.env.BENCH_EMAIL ?? (await newestGeneratedTicket(client)).email;
  const template = process.env.BENCH_BODY;
  if (!template) return { email, body: undefined };
  const filled = template.replaceAll('{category}', await firstCategoryId(client));
  return { email, body: () => filled.replaceAll('{uuid}', () => randomUUID()) };
}

async function main() {
  if (!BASELINE || !DATABASE) throw new Error('set BENCH_BASELINE (a built checkout) and BENCH_DATABASE');
  const url = postgresUrl(DATABASE);
  // Replies are limited per sender and minute; a benchmark sends far more.
  const env = {
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    MESSAGES_PER_MINUTE: '1000000',
  };
  const { email, body } = await withClient(url, readerAndBody);
  const servers: ServerProcess[] = [];
  try {
    servers.push(await startServer(env, { built: true, cwd: BASELINE }));
    servers.push(await startServer(env, { built: true }));
    const [baseline, candidate] = servers as [ServerProcess, ServerProcess];
    // Sessions live in the database: one cookie serves both servers.
    const cookie = await signIn(candidate.url, email);
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate who goes first, so neither always runs on a warmer machine.
      const order = round % 2 === 1 ? [baseline, candidate] : [candidate, baseline];
      const measured = new Map<ServerProcess, number>();
      for (const server of order) measured.set(server, await requestsPerSecond(server.url, cookie, body));
      const before = measured.get(baseline) ?? 0;
      const after = measured.get(candidate) ?? 0;
      ratios.push(after / before);
      write(`round ${round}: baseline ${Math.round(before)} req/s, this checkout ${Math.round(after)} req/s`);
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    write(
      `${PATH}: this checkout / baseline, median of ${ROUNDS} pairs ${median(ratios).toFixed(3)} ` +
        `(from ${sorted[0]?.toFixed(3)} to ${sorted.at(-1)?.toFixed(3)})`,
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

await main();
