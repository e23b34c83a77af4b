import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ATTACHMENTS_PART,
  BackupError,
  DATABASE_PART,
  describePart,
  FORMAT,
  FORMAT_VERSION,
  formatCounts,
  MANIFEST_FILE,
  packArchive,
  packFolder,
  type DatabaseKind,
  type Manifest,
} from './backup.archive.js';
import { dumpPglite } from './backup.pglite.js';
import { dumpPostgres } from './backup.postgres.js';

/** Which data a backup or restore works on: the app's own configuration. */
export interface BackupTarget {
  databaseUrl: string | undefined;
  dataDir: string;
  /** A folder holding pg_dump and pg_restore; unset, they are looked up on PATH. */
  pgBin?: string | undefined;
}

export interface BackupLog {
  out(line: string): void;
}

export const targetKind = (target: BackupTarget): DatabaseKind =>
  target.databaseUrl ? 'postgres' : 'pglite';
export const attachmentsDir = (target: BackupTarget) => path.join(target.dataDir, 'attachments');

export const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

const stamp = (date: Date) =>
  date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');

export const defaultBackupFile = (now: Date) => path.resolve('backups', `ccr-backup-${stamp(now)}.tar`);

/**
 * Writes one archive: the database (pg_dump custom format, or PGlite's data directory tarball), the
 * attachments folder as a tar.gz, and manifest.json with counts and each part's SHA-256. The archive
 * appears under its name only when complete.
 */
export async function createBackup(
  target: BackupTarget,
  options: { out?: string | undefined; now?: Date },
  log: BackupLog,
): Promise<{ file: string; manifest: Manifest }> {
  const kind = targetKind(target);
  const createdAt = options.now ?? new Date();
  const file = path.resolve(options.out ?? defaultBackupFile(createdAt));
  if (await exists(file)) throw new BackupError(`${file} already exists; choose another --out.`);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Next to the archive, not in /tmp: a dump can be larger than a memory-backed /tmp.
  const work = await mkdtemp(path.join(path.dirname(file), '.ccr-backup-'));
  const partial = `${file}.partial`;
  try {
    const databasePart = DATABASE_PART[kind];
    const databaseFile = path.join(work, databasePart);
    log.out(`Backing up the ${kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database…`);
    const dumped =
      kind === 'postgres' && target.databaseUrl
        ? await dumpPostgres(target.databaseUrl, databaseFile, target.pgBin)
        : await dumpPglite(target.dataDir, databaseFile);
    // After the database: every attachment row in the dump already has its file.
    const attachments = attachmentsDir(target);
    await packFolder(
      path.join(work, ATTACHMENTS_PART),
      (await exists(attachments)) ? attachments : undefined,
    );

    const { migrations, ...counts } = dumped.counts;
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      database: { kind, migrations, serverVersion: dumped.serverVersion },
      counts,
      parts: {
        [databasePart]: await describePart(databaseFile),
        [ATTACHMENTS_PART]: await describePart(path.join(work, ATTACHMENTS_PART)),
      },
    };
    await writeFile(path.join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    // Created first with owner-only permissions: the archive holds password hashes and every conversation.
    await writeFile(partial, '', { mode: 0o600, flag: 'wx' });
    await packArchive(partial, work, [MANIFEST_FILE, databasePart, ATTACHMENTS_PART]);
    await rename(partial, file);
    log.out(`Backup written: ${file}`);
    log.out(`It holds ${formatCounts(counts)} (${migrations} migrations applied).`);
    return { file, manifest };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
}
