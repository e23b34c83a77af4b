import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR, openDatabase, queryRows, type Database } from '../db/connection.js';
import { BackupError } from './backup.archive.js';
import { CONTENT_SQL, COUNTS_SQL, type CountsRow } from './backup.postgres.js';

export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');

export async function hasPglite(dir: string): Promise<boolean> {
  return access(path.join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

async function withPglite<T>(dir: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: dir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function countPglite(database: Database): Promise<CountsRow> {
  const row = (await queryRows<CountsRow>(database.db, sql.raw(COUNTS_SQL)))[0];
  if (!row) throw new BackupError('The database answered no counts.');
  return row;
}

/** The embedded database's data directory as PGlite's own tarball (the app must be stopped). */
export async function dumpPglite(
  dataDir: string,
  file: string,
): Promise<{ counts: CountsRow; serverVersion: string }> {
  const dir = pgliteDir(dataDir);
  if (!(await hasPglite(dir))) throw new BackupError(`There is no embedded database in ${dir} to back up.`);
  return withPglite(dir, async (database) => {
    const counts = await countPglite(database);
    const version = await queryRows<{ version: string }>(
      database.db,
      sql`select current_setting('server_version') as version`,
    );
    const dump = await database.dumpPglite();
    await writeFile(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    return { counts, serverVersion: version[0]?.version ?? 'unknown' };
  });
}

export async function pgliteContent(dataDir: string): Promise<{ tables: number; tickets: number }> {
  const dir = pgliteDir(dataDir);
  if (!(await hasPglite(dir))) return { tables: 0, tickets: 0 };
  return withPglite(dir, async (database) => {
    const content = (
      await queryRows<{ tables: number; has_tickets: number }>(database.db, sql.raw(CONTENT_SQL))
    )[0];
    const tickets =
      content?.has_tickets === 1
        ? ((
            await queryRows<{ count: number }>(database.db, sql`select count(*)::int as count from tickets`)
          )[0]?.count ?? 0)
        : 0;
    return { tables: content?.tables ?? 0, tickets };
  });
}

/**
 * Creates the data directory `dir` (which must not hold a database) from a dumpDataDir() tarball, applies
 * this version's migrations and answers the counts: all before the directory replaces the live one.
 */
export async function loadPglite(file: string, dir: string): Promise<CountsRow> {
  await mkdir(path.dirname(dir), { recursive: true });
  const client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([await readFile(file)]) });
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
    const row = (await client.query<CountsRow>(COUNTS_SQL)).rows[0];
    if (!row) throw new BackupError('The database answered no counts.');
    return row;
  } finally {
    await client.close();
  }
}
