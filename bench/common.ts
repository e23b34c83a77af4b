/** What the benchmark scripts share: the reader they measure, signing in, connections and medians. */
import pg from 'pg';
import { PASSWORD } from './dataset.js';

/** The subject of the tickets the create runs add. */
export const BENCH_SUBJECT = 'Bench';
/** The customer who raises the benchmark's tickets. */
export const CREATOR = 'customer1@bench.example';

/** What every POST of the benchmarks carries: a JSON body and the app's CSRF header. */
export const JSON_HEADERS = { 'content-type': 'application/json', 'x-ccr-csrf': '1' } as const;

/** Runs `work` on a connection of its own to `url`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * The newest generated ticket and its customer's email: the tickets the create runs add all belong to
 * CREATOR, so a kept database's reader keeps a realistic number of tickets.
 */
export async function newestGeneratedTicket(client: pg.Client): Promise<{ id: string; email: string }> {
  const rows = await client.query<{ id: string; email: string }>(
    `select t.id, u.email from tickets t join users u on u.id = t.customer_id
     where t.subject <> $1 and u.email <> $2 order by t.created_at desc limit 1`,
    [BENCH_SUBJECT, CREATOR],
  );
  const row = rows.rows[0];
  if (!row) throw new Error('the data set lacks a generated ticket');
  return row;
}

/** Signs in with the data set's password; answers the session cookie (`name=value`). */
export async function signIn(
  base: string,
  email: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

/** The category new benchmark tickets are raised in: the data set's first by name. */
export async function firstCategoryId(client: pg.Client): Promise<string> {
  const category = await client.query<{ id: string }>(`select id from categories order by name limit 1`);
  const row = category.rows[0];
  if (!row) throw new Error('the data set lacks a category');
  return row.id;
}
