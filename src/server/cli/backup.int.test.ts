import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { asc } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../../test/helpers/database.js';
import { POSTGRES_ADMIN_URL } from '../../../test/helpers/postgres.js';
import { ROOT } from '../../../test/helpers/process.js';
import { openDatabase, type Database, type Db } from '../db/connection.js';
import { attachments, categories, ticketMessages, tickets, users } from '../db/schema.js';
import { createLocalDiskStorage, newStorageKey } from '../features/attachments/attachments.storage.js';
import { newReference } from '../features/tickets/reference.js';
import {
  ATTACHMENTS_PART,
  DATABASE_PART,
  MANIFEST_FILE,
  packArchive,
  readManifest,
  unpackArchive,
} from './backup.archive.js';
import { runBackupCli } from './backup.cli.js';
import { createBackup, type BackupTarget } from './backup.command.js';
import { loadPglite, pgliteDir } from './backup.pglite.js';
import { restoreBackup } from './restore.command.js';

const kind = testDatabaseKind();
const SLOW = 120_000;

let dir: string;
let target: BackupTarget;
let postgres: TestDatabase | undefined;
let archive: string;
let before: Awaited<ReturnType<typeof snapshot>>;

const filesDir = () => path.join(target.dataDir, 'attachments');
const quiet = { out: () => undefined };

async function openTarget(): Promise<Database> {
  return target.databaseUrl
    ? openDatabase({ url: target.databaseUrl, poolSize: 2 })
    : openDatabase({ dataDir: pgliteDir(target.dataDir) });
}

async function withTarget<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openTarget();
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Every row that must come back, and the bytes of every stored file. */
async function snapshot(db: Db) {
  const storage = createLocalDiskStorage(filesDir());
  const files = await db.select().from(attachments).orderBy(asc(attachments.id));
  const bytes = await Promise.all(
    files.map(async (file) => {
      const chunks: Buffer[] = [];
      for await (const chunk of await storage.get(file.storageKey)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('base64');
    }),
  );
  return {
    tickets: await db.select().from(tickets).orderBy(asc(tickets.id)),
    messages: await db.select().from(ticketMessages).orderBy(asc(ticketMessages.id)),
    attachments: files,
    bytes,
  };
}

async function seed(db: Db): Promise<void> {
  const storage = createLocalDiskStorage(filesDir());
  const [customer, agent] = await db
    .insert(users)
    .values([
      {
        email: `c.${Date.now()}@example.com`,
        fullName: 'Cora Customer',
        passwordHash: 'x',
        role: 'customer',
      },
      { email: `a.${Date.now()}@example.com`, fullName: 'Avi Agent', passwordHash: 'x', role: 'agent' },
    ])
    .returning();
  const [category] = await db.insert(categories).values({ name: 'Payments' }).returning();
  if (!customer || !agent || !category) throw new Error('seed failed');
  for (let i = 0; i < 3; i++) {
    const [ticket] = await db
      .insert(tickets)
      .values({
        reference: newReference(),
        customerId: customer.id,
        categoryId: category.id,
        agentId: agent.id,
        subject: `Refund ${i} — ரீஃபண்ட்`,
        description: 'My payment failed twice.',
        language: 'en',
        status: 'in_progress',
      })
      .returning();
    if (!ticket) throw new Error('seed failed');
    for (const author of [customer, agent]) {
      const [message] = await db
        .insert(ticketMessages)
        .values({ ticketId: ticket.id, authorId: author.id, body: `Hello from ${author.fullName} on ${i}` })
        .returning();
      const data = randomBytes(1000 + i * 700);
      const storageKey = newStorageKey();
      await storage.put(storageKey, data);
      await db.insert(attachments).values({
        ticketId: ticket.id,
        messageId: message?.id ?? null,
        uploaderId: author.id,
        fileName: `receipt-${i}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: data.length,
        storageKey,
      });
    }
  }
}

/** The database and the attachments gone, as after losing the machine. */
async function wipe(): Promise<void> {
  await rm(filesDir(), { recursive: true, force: true });
  if (!target.databaseUrl) {
    await rm(pgliteDir(target.dataDir), { recursive: true, force: true });
    return;
  }
  const name = new URL(target.databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`drop database ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

/** `npm run cli -- …` as a real process, on the target's configuration. */
async function cli(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: target.dataDir,
      ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [stdout, stderr, code] = await Promise.all([
    text(child.stdout),
    text(child.stderr),
    new Promise<number | null>((resolve) => child.once('exit', resolve)),
  ]);
  return { code, output: stdout + stderr };
}

/** A copy of the archive with one part changed by `edit`. */
async function tampered(edit: (parts: string) => Promise<void>): Promise<string> {
  const parts = await mkdtemp(path.join(dir, 'parts-'));
  await unpackArchive(archive, parts);
  await edit(parts);
  const copy = path.join(dir, `tampered-${randomBytes(4).toString('hex')}.tar`);
  await packArchive(copy, parts, [MANIFEST_FILE, DATABASE_PART[kind], ATTACHMENTS_PART]);
  return copy;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ccr-backup-'));
  const dataDir = path.join(dir, 'data');
  if (kind === 'postgres') {
    postgres = await createTestDatabase();
    await postgres.database.close();
    target = { databaseUrl: postgres.url, dataDir };
  } else {
    target = { databaseUrl: undefined, dataDir };
    // A migrated data directory from the run's template, as the app leaves it in DATA_DIR/pglite.
    await loadPglite(inject('databaseTemplate'), pgliteDir(dataDir));
  }
  before = await withTarget(async (db) => {
    await seed(db);
    return snapshot(db);
  });
}, SLOW);

afterAll(async () => {
  await postgres?.destroy();
  await rm(dir, { recursive: true, force: true });
});

describe(`backup and restore (${kind})`, () => {
  it(
    'backs up through the CLI, and after a wipe restores every ticket, message and attachment',
    async () => {
      archive = path.join(dir, 'nightly.tar');
      const backup = await cli('backup', '--out', archive);
      expect(backup.output).toContain(`Backup written: ${archive}`);
      expect(backup.code).toBe(0);

      const manifest = await readManifest(
        await (async () => {
          const parts = await mkdtemp(path.join(dir, 'read-'));
          await unpackArchive(archive, parts);
          return path.join(parts, MANIFEST_FILE);
        })(),
      );
      expect(manifest).toMatchObject({
        format: 'ccr-backup',
        database: { kind },
        counts: { tickets: 3, messages: 6, attachments: 6 },
      });
      expect(manifest.database.migrations).toBeGreaterThan(0);

      await wipe();
      const restored = await restoreBackup(target, { from: archive, yes: false }, quiet);
      expect(restored.counts).toEqual({ tickets: 3, messages: 6, attachments: 6 });
      const after = await withTarget(snapshot);
      expect(after).toEqual(before);
      expect(after.bytes.every((bytes) => bytes.length > 1000)).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses a non-empty target without --yes, and replaces it with --yes',
    async () => {
      const err: string[] = [];
      const io = { out: () => undefined, err: (line: string) => err.push(line) };
      const env = { DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl };
      expect(await runBackupCli(['restore', '--from', archive], io, env)).toBe(1);
      expect(err.join('\n')).toMatch(/The target is not empty \(\d+ tables, 3 tickets, attachment files\)/);
      expect(err.join('\n')).toContain('--yes');

      // Something written after the backup disappears when the backup is restored.
      await withTarget((db) => db.delete(ticketMessages));
      await writeFile(path.join(filesDir(), 'stray'), 'not from the backup');
      await restoreBackup(target, { from: archive, yes: true }, quiet);
      expect(await withTarget(snapshot)).toEqual(before);
      await expect(readFile(path.join(filesDir(), 'stray'))).rejects.toThrow();
    },
    SLOW,
  );

  it(
    'refuses a damaged archive and changes nothing',
    async () => {
      const damaged = await tampered(async (parts) => {
        const file = path.join(parts, ATTACHMENTS_PART);
        const bytes = await readFile(file);
        bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0xff;
        await writeFile(file, bytes);
      });
      await expect(restoreBackup(target, { from: damaged, yes: true }, quiet)).rejects.toThrow(
        /Checksum mismatch for attachments\.tar\.gz/,
      );

      const notAnArchive = path.join(dir, 'notes.tar');
      await writeFile(notAnArchive, 'hello');
      await expect(restoreBackup(target, { from: notAnArchive, yes: true }, quiet)).rejects.toThrow(
        /is not a backup archive/,
      );
      expect(await withTarget(snapshot)).toEqual(before);
    },
    SLOW,
  );

  it('refuses to restore into the other kind of database', async () => {
    const other: BackupTarget =
      kind === 'postgres'
        ? { databaseUrl: undefined, dataDir: path.join(dir, 'elsewhere') }
        : { databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: path.join(dir, 'elsewhere') };
    await expect(restoreBackup(other, { from: archive, yes: true }, quiet)).rejects.toThrow(
      /restores only into the same kind of database; nothing was changed/,
    );
  });

  it('answers usage errors without touching anything', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (line: string) => err.push(line) };
    expect(await runBackupCli(['restore'], io)).toBe(1);
    expect(await runBackupCli(['backup', '--yes'], io)).toBe(1);
    expect(err.join('\n')).toContain('--from is required');
    expect(err.join('\n')).toContain('backup takes --out and --pg-bin only');
  });

  if (kind === 'postgres') {
    /** A folder with a stand-in pg_dump that reports `version` and shows what it was given. */
    async function fakePgBin(version: string): Promise<string> {
      const bin = await mkdtemp(path.join(dir, 'bin-'));
      const script = `#!/bin/sh
if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) ${version}"; exit 0; fi
echo "args: $* password: $PGPASSWORD" >&2
exit 1
`;
      await writeFile(path.join(bin, 'pg_dump'), script, { mode: 0o755 });
      return bin;
    }

    it('explains a missing or too old pg_dump, and never shows the password', async () => {
      const out = path.join(dir, 'never.tar');
      const missing = { ...target, pgBin: path.join(dir, 'no-such-folder') };
      await expect(createBackup(missing, { out }, quiet)).rejects.toThrow(/pg_dump was not found/);
      const old = { ...target, pgBin: await fakePgBin('9.6') };
      await expect(createBackup(old, { out }, quiet)).rejects.toThrow(
        /pg_dump 9 is older than the PostgreSQL server \(\d+/,
      );

      // The server trusts local connections, so any password connects; it must travel in PGPASSWORD only.
      const url = new URL(target.databaseUrl ?? '');
      url.password = 's3cret p@ss';
      const secret = { ...target, databaseUrl: url.toString(), pgBin: await fakePgBin('99.0') };
      const failure = await createBackup(secret, { out }, quiet).catch((error: unknown) => String(error));
      expect(failure).toContain(`--dbname=postgres://postgres@127.0.0.1:5432${url.pathname}`);
      expect(failure).toContain('password: ***');
      expect(failure).not.toContain('s3cret');
      await expect(readFile(out)).rejects.toThrow();
    });
  }
});
