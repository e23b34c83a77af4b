import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database.js';
import { createCategory, createCustomer } from '../../../../test/helpers/factories.js';
import type { BacklogReport } from '../../../shared/contracts/reports.js';
import { queryRows } from '../../db/connection.js';
import type { CategoryRow, UserRow } from '../../db/schema.js';
import { newReference } from '../tickets/reference.js';

/** The backlog deltas of one key are spread over slots (migration 0010); these are what that buys. */
let context: TestContext;
let admin: string;
let customer: UserRow;
let category: CategoryRow;

const db = () => context.db.database.db;
const DAY_MS = 24 * 3_600_000;
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
const today = () => day(0);

/** Parameters for `insert into tickets … values ($1 … $4)`, a new open ticket in `category`. */
const INSERT_TICKET = `insert into tickets (reference, customer_id, category_id, subject, description, language, status)
  values ($1, $2, $3, $4, 'My parcel never came.', 'en', 'open')`;
const ticketValues = (subject: string) => [newReference(), customer.id, category.id, subject];

/** Today's open tickets; each question asks about a period of its own, so the report cache can't answer. */
let periods = 0;
async function openOnToday(): Promise<number> {
  const from = day(++periods);
  const response = await call(
    context.app,
    'GET',
    `/api/v1/admin/reports/backlog?from=${from}&to=${today()}`,
    undefined,
    { cookie: admin },
  );
  expect(response.statusCode, response.body).toBe(200);
  const report = response.json<BacklogReport>();
  return report.days.find((day) => day.day === today())?.open ?? 0;
}

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
  admin = (await signedIn(context, 'admin')).cookie;
  customer = await createCustomer(context);
  category = await createCategory(context, { name: 'Deliveries' });
});

afterAll(() => context.close());

describe('backlog slots', () => {
  it('counts a key once however many slots its deltas were written to', async () => {
    const [reference, customerId, categoryId, subject] = ticketValues('First');
    await queryRows(
      db(),
      sql`insert into tickets (reference, customer_id, category_id, subject, description, language, status)
          values (${reference}, ${customerId}, ${categoryId}, ${subject}, 'My parcel never came.', 'en', 'open')`,
    );
    expect(await openOnToday()).toBe(1);
    // What other connections would have left for the same day, status and category.
    await queryRows(
      db(),
      sql`insert into backlog_deltas (day, status, category_id, agent_id, slot, delta)
          select backlog_day(now()), 'open', ${category.id}, null, s, d
            from (values (14, 2), (15, -1)) as v(s, d)
          on conflict on constraint backlog_deltas_key do update set delta = backlog_deltas.delta + excluded.delta`,
    );
    expect(await openOnToday()).toBe(2);
  });

  // PGlite serves one connection at a time, so only a server has concurrent transactions to show.
  if (testDatabaseKind() === 'postgres') {
    it('lets two transactions raise tickets in one category at once', async () => {
      const clients: pg.Client[] = [];
      try {
        // Two connections whose backends write to different slots (pid modulo 16).
        const slots = new Map<number, pg.Client>();
        while (slots.size < 2) {
          const client = new pg.Client({ connectionString: context.db.url });
          await client.connect();
          clients.push(client);
          const { rows } = await client.query<{ slot: number }>('select pg_backend_pid() % 16 as slot');
          slots.set(rows[0]?.slot ?? 0, client);
        }
        const [first, second] = [...slots.values()] as [pg.Client, pg.Client];
        const before = await openOnToday();
        await first.query('begin');
        await first.query(INSERT_TICKET, ticketValues('Held open'));
        // With one row per key, this insert waited for the first transaction's commit.
        await second.query(`set lock_timeout = '2s'`);
        await second.query(INSERT_TICKET, ticketValues('At the same time'));
        await first.query('commit');
        expect(await openOnToday()).toBe(before + 2);
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    });
  }
});
