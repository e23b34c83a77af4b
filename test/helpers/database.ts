import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/connection.js';
import { POSTGRES_ADMIN_URL, postgresUrl } from './postgres.js';

export type TestDatabaseKind = 'pglite' | 'postgres';

export const testDatabaseKind = (): TestDatabaseKind =>
  process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

export interface TestDatabase {
  database: Database;
  /** Set for PostgreSQL: what a child process needs as DATABASE_URL. */
  url: string | undefined;
  /** Closes and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

/** A new, migrated database of its own for one test file, copied from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('databaseTemplate');
  if (testDatabaseKind() === 'pglite') {
    const dump = new Blob([await readFile(template)]);
    const database = await openDatabase({ pgliteDump: dump });
    return { database, url: undefined, destroy: () => database.close().catch(() => undefined) };
  }

  return createPostgresDatabase('ccr_test', template);
}

/** A database with no tables at all, for tests of start-up and migrations. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, url: undefined, destroy: () => database.close().catch(() => undefined) };
  }
  return createPostgresDatabase('ccr_empty');
}

/** A new database on the server (a copy of `template` when given), dropped by destroy(). */
async function createPostgresDatabase(prefix: string, template?: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) =>
    client.query(`create database ${name}${template ? ` template ${template}` : ''}`),
  );
  const url = postgresUrl(name);
  const database = await openDatabase({ url, poolSize: 5 });
  return {
    database,
    url,
    async destroy() {
      // A test may have closed it already (to simulate an outage); the drop must still happen.
      await database.close().catch(() => undefined);
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
