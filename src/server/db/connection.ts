import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { PreparingClient } from './prepared-statements.js';
import * as schema from './schema.js';

/** Both drivers give the same query builder; services and repositories only see this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** True when the database answers and every migration shipped with this build is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpPglite(): Promise<Blob>;
  /**
   * LISTEN on channels until the returned function is called. On a server, one dedicated connection
   * that reconnects by itself: `onLost` runs when it is lost (notifications are being missed from
   * then on), `onReconnect` after it is back. PGlite's notifications are never lost.
   */
  listen(channels: string[], onNotify: Notified, events?: ListenEvents): Promise<Unlisten>;
}

export interface ListenEvents {
  onLost?: () => void;
  onReconnect?: () => void;
}

export type Unlisten = () => Promise<void>;
export type Notified = (channel: string, payload: string) => void;

// src/server/db and dist/server/db both sit three folders below the project root.
export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

const shippedMigrationCount = (): number => {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
};

/** Any number that no other feature uses as an advisory lock key. */
const MIGRATION_LOCK_KEY = 724_001;

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  /** A folder, or `memory://` for a database that lives only as long as the process. */
  | { dataDir: string }
  /** A PGlite data directory dump (tests copy one migrated template per file). */
  | { pgliteDump: Blob };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return 'url' in options ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: Math.max(poolSize, 2), Client: PreparingClient });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const expected = shippedMigrationCount();
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // Several instances may start at once: one migrates, the others wait and find nothing to do.
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(pool), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        lock.release();
      }
    },
    isReady: () => countApplied(db).then((applied) => applied >= expected),
    close: () => pool.end(),
    dumpPglite: () => Promise.reject(new Error('dumpPglite: this is a PostgreSQL server database')),
    listen: (channels, onNotify, events) => listenPostgres(url, channels, onNotify, events),
  };
}

const LISTEN_RETRY_MS = 1_000;

async function listenPostgres(
  url: string,
  channels: string[],
  onNotify: Notified,
  events: ListenEvents = {},
): Promise<Unlisten> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => onNotify(message.channel, message.payload ?? ''));
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    try {
      await next.connect();
      for (const channel of channels) await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (stopped) await next.end().catch(() => undefined);
    else client = next;
  }

  function lost(failed: pg.Client): void {
    if (client !== failed) return;
    client = undefined;
    failed.end().catch(() => undefined);
    events.onLost?.();
    connectLater();
  }

  function connectLater(): void {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (stopped) return;
      connect().then(() => events.onReconnect?.(), connectLater);
    }, LISTEN_RETRY_MS);
  }

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

async function openPglite(options: { dataDir: string } | { pgliteDump: Blob }): Promise<Database> {
  let client: PGlite;
  if ('dataDir' in options) {
    if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
    client = await PGlite.create(options.dataDir);
  } else {
    client = await PGlite.create({ loadDataDir: options.pgliteDump });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const expected = shippedMigrationCount();
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR }),
    isReady: () => countApplied(db).then((applied) => applied >= expected),
    close: () => client.close(),
    dumpPglite: () => client.dumpDataDir('gzip'),
    listen: async (channels, onNotify) => {
      const unlisteners = await Promise.all(
        channels.map((channel) => client.listen(channel, (payload) => onNotify(channel, payload))),
      );
      return async () => {
        // Closing the database already ended the subscriptions.
        for (const unlisten of unlisteners) await unlisten().catch(() => undefined);
      };
    },
  };
}

async function countApplied(db: Db): Promise<number> {
  try {
    const rows = await queryRows<{ count: number }>(
      db,
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    return rows[0]?.count ?? 0;
  } catch {
    return 0;
  }
}

/** Raw SQL for what the query builder cannot say; both drivers answer with `{ rows }`. */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows;
}
