import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { queryRows } from '../db/connection.js';
import { createRateLimitRepo } from './rate-limit.repo.js';

/** The shared fixed-window counters behind every rate limit. */
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.destroy());

const db = () => test.database.db;
const setting = async () =>
  (await queryRows<{ value: string }>(db(), sql`select current_setting('synchronous_commit') as value`))[0]
    ?.value;

describe('rate-limit hits', () => {
  it('count within a window and start again once it is over', async () => {
    const repo = createRateLimitRepo(db());
    const first = await repo.hit('test:window', 60);
    const second = await repo.hit('test:window', 60);
    expect([first.hits, second.hits]).toEqual([1, 2]);
    expect(second.resetAt).toEqual(first.resetAt);
    await db().execute(sql`update rate_limit_buckets set reset_at = now() - interval '1 second'`);
    expect((await repo.hit('test:window', 60)).hits).toBe(1);
  });

  it('commit without waiting for the disk, and leave the connection as it was', async () => {
    expect(await setting()).toBe('on');
    await createRateLimitRepo(db()).hit('test:sync', 60);
    // An idle pool hands back the connection it just had (and PGlite has only one).
    expect(await setting()).toBe('on');
  });

  it('refuse to run in a transaction, whose commit would not wait for the disk either', async () => {
    await expect(
      db().transaction(async (tx) => {
        await createRateLimitRepo(tx).hit('test:in-transaction', 60);
      }),
    ).rejects.toThrow('must not run in a transaction');
  });
});
