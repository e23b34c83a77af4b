import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeReport } from '../../../shared/contracts/reports.js';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import { createCategory, createCustomer, createTicket } from '../../../../test/helpers/factories.js';
import type { CategoryRow, UserRow } from '../../db/schema.js';

let context: TestContext;
let admin: string;
let customer: UserRow;
let category: CategoryRow;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
// Tickets are created at this instant and counted on its day, whatever the clock says later.
const start = new Date();
const day = start.toISOString().slice(0, 10);

beforeAll(async () => {
  context = await createTestApp({ now, mail: { runWorker: false } });
  admin = (await signedIn(context, 'admin')).cookie;
  customer = await createCustomer(context);
  category = await createCategory(context, { name: 'Payments' });
});
afterAll(() => context.close());

async function createdToday(query = `from=${day}&to=${day}`): Promise<number> {
  const response = await call(context.app, 'GET', `/api/v1/admin/reports/volume?${query}`, undefined, {
    cookie: admin,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<VolumeReport>().totals.created;
}

describe('report results are reused for 30 seconds', () => {
  it('answers the same query from the first computation, then counts again', async () => {
    await createTicket(context, { customer, category, createdAt: start });
    expect(await createdToday()).toBe(1);

    await createTicket(context, { customer, category, createdAt: start });
    offsetMs += 29_000;
    expect(await createdToday()).toBe(1);
    // Another query (here a category filter) is its own computation.
    expect(await createdToday(`from=${day}&to=${day}&categoryId=${category.id}`)).toBe(2);

    offsetMs += 1_000;
    expect(await createdToday()).toBe(2);
  });
});
