import path from 'node:path';
import pg from 'pg';
import { BackupError, runTool, type Counts } from './backup.archive.js';

/** Counts of what a backup must bring back, plus the applied migrations; one statement, one snapshot. */
export const COUNTS_SQL = `select
  (select count(*)::int from tickets) as tickets,
  (select count(*)::int from ticket_messages) as messages,
  (select count(*)::int from attachments) as attachments,
  (select count(*)::int from drizzle.__drizzle_migrations) as migrations`;

/** Tables outside the system schemas, and tickets when the table exists: "is there anything to lose?" */
export const CONTENT_SQL = `select
  (select count(*)::int from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema')) as tables,
  (select count(*)::int from pg_class where oid = to_regclass('public.tickets')) as has_tickets`;

export type CountsRow = Counts & { migrations: number };

interface Connection {
  /** The URL without its password: safe on a command line (visible in `ps`). */
  dbname: string;
  /** The password travels in PGPASSWORD, never in arguments or messages. */
  env: NodeJS.ProcessEnv;
  redact(text: string): string;
}

function connection(url: string): Connection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BackupError('DATABASE_URL is not a valid URL.');
  }
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    // The child needs the usual environment (PATH, locale, PGSSL*); only the password is added.
    env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env },
    redact: (text) => (password ? text.split(password).join('***') : text),
  };
}

const tool = (bin: string | undefined, name: string) => (bin ? path.join(bin, name) : name);

async function toolMajor(command: string): Promise<number> {
  const { code, stdout, stderr } = await runTool(command, ['--version']);
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)?.[1];
  if (code !== 0 || !major)
    throw new BackupError(`${command} --version failed: ${stderr.trim() || stdout.trim()}`);
  return Number(major);
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      `Cannot connect to the PostgreSQL database: ${connection(url).redact(String(error))}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function serverVersion(client: pg.Client): Promise<{ major: number; text: string }> {
  const result = await client.query<{ num: string; text: string }>(
    "select current_setting('server_version_num') as num, current_setting('server_version') as text",
  );
  const row = result.rows[0];
  return { major: Math.floor(Number(row?.num ?? 0) / 10_000), text: row?.text ?? 'unknown' };
}

/**
 * pg_dump --format=custom straight into `file`. The counts are read in a repeatable-read transaction
 * whose snapshot pg_dump shares, so the manifest describes exactly what was dumped even while the app runs.
 */
export async function dumpPostgres(
  url: string,
  file: string,
  bin: string | undefined,
): Promise<{ counts: CountsRow; serverVersion: string }> {
  const conn = connection(url);
  const pgDump = tool(bin, 'pg_dump');
  const clientMajor = await toolMajor(pgDump);
  return withClient(url, async (client) => {
    const server = await serverVersion(client);
    if (clientMajor < server.major) {
      throw new BackupError(
        `pg_dump ${clientMajor} is older than the PostgreSQL server (${server.text}) and cannot dump it. ` +
          `Install pg_dump ${server.major} or newer and pass its folder with --pg-bin ` +
          `(Debian: apt-get install postgresql-client-${server.major}; --pg-bin /usr/lib/postgresql/${server.major}/bin).`,
      );
    }
    await client.query('begin isolation level repeatable read read only');
    const snapshot =
      (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
    const counts = (await client.query<CountsRow>(COUNTS_SQL)).rows[0];
    if (!counts) throw new BackupError('The database answered no counts.');
    const result = await runTool(
      pgDump,
      ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${conn.dbname}`],
      conn.env,
    );
    await client.query('commit');
    if (result.code !== 0) throw new BackupError(`pg_dump failed: ${conn.redact(result.stderr.trim())}`);
    return { counts, serverVersion: server.text };
  });
}

/** Tables and tickets in the target, to refuse overwriting a database in use without --yes. */
export async function postgresContent(url: string): Promise<{ tables: number; tickets: number }> {
  return withClient(url, async (client) => {
    const content = (await client.query<{ tables: number; has_tickets: number }>(CONTENT_SQL)).rows[0];
    const tickets =
      content?.has_tickets === 1
        ? ((await client.query<{ count: number }>('select count(*)::int as count from tickets')).rows[0]
            ?.count ?? 0)
        : 0;
    return { tables: content?.tables ?? 0, tickets };
  });
}

/**
 * pg_restore in one transaction: on any error nothing changes. Objects are owned by the connecting user
 * and grants are left out, so a dump restores on a server whose roles differ from the source's.
 */
export async function restorePostgres(url: string, file: string, bin: string | undefined): Promise<void> {
  const conn = connection(url);
  const result = await runTool(
    tool(bin, 'pg_restore'),
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${conn.dbname}`,
      file,
    ],
    conn.env,
  );
  if (result.code !== 0) {
    throw new BackupError(
      `pg_restore failed; the database was left as it was: ${conn.redact(result.stderr.trim())}`,
    );
  }
}
