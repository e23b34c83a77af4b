import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_ADMIN_URL } from '../../../test/helpers/postgres.js';
import { PreparingClient, statementName } from './prepared-statements.js';

// Prepared statements are a PostgreSQL server matter (the pool's client), whichever database the project
// runs the rest of the suite on.
let client: PreparingClient | undefined;
afterEach(async () => {
  await client?.end();
  client = undefined;
});

async function connected() {
  client = new PreparingClient({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  return client;
}

const prepared = async (on: PreparingClient) =>
  (await on.query<{ name: string }>('select name from pg_prepared_statements')).rows.map((row) => row.name);

describe('PreparingClient', () => {
  it('prepares a data statement once per connection and reuses it', async () => {
    const on = await connected();
    const text = 'select $1::int + 1 as next';
    const first = await on.query<{ next: number }>({ text, values: [1] });
    const second = await on.query<{ next: number }>({ text, values: [41] });
    expect([first.rows[0]?.next, second.rows[0]?.next]).toEqual([2, 42]);
    expect(await prepared(on)).toContain(statementName(text));
  });

  it('leaves other statements and explicitly named ones alone', async () => {
    const on = await connected();
    await on.query({ text: 'begin' });
    await on.query({ text: 'set local statement_timeout = 1000' });
    await on.query({ text: 'commit' });
    await on.query({ name: 'mine', text: 'select 1 as one' });
    expect((await prepared(on)).sort()).toEqual(['mine']);
  });

  it('gives different texts different names', () => {
    expect(statementName('select 1')).not.toBe(statementName('select 2'));
    expect(statementName('select 1')).toBe(statementName('select 1'));
  });
});
