import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_DIR, openDatabase } from '../db/connection.js';
import {
  ATTACHMENTS_PART,
  BackupError,
  DATABASE_PART,
  formatCounts,
  MANIFEST_FILE,
  readManifest,
  unpackArchive,
  unpackFolder,
  verifyParts,
  type Counts,
  type DatabaseKind,
  type Manifest,
} from './backup.archive.js';
import { attachmentsDir, exists, targetKind, type BackupLog, type BackupTarget } from './backup.command.js';
import { loadPglite, pgliteContent, pgliteDir } from './backup.pglite.js';
import {
  COUNTS_SQL,
  postgresContent,
  restorePostgres,
  withClient,
  type CountsRow,
} from './backup.postgres.js';

const KIND_NAME: Record<DatabaseKind, string> = {
  postgres: 'a PostgreSQL server database (DATABASE_URL set)',
  pglite: 'the embedded database (DATABASE_URL unset)',
};

const shippedMigrations = (): number =>
  (
    JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;

function checkCompatible(manifest: Manifest, kind: DatabaseKind): void {
  if (manifest.database.kind !== kind) {
    throw new BackupError(
      `This backup is of ${KIND_NAME[manifest.database.kind]}, but the target is ${KIND_NAME[kind]}. ` +
        'A backup restores only into the same kind of database; nothing was changed.',
    );
  }
  const shipped = shippedMigrations();
  if (manifest.database.migrations > shipped) {
    throw new BackupError(
      `This backup was made by a newer version of the app (${manifest.database.migrations} migrations; ` +
        `this version knows ${shipped}). Restore it with that version or a newer one.`,
    );
  }
}

async function refuseNonEmpty(target: BackupTarget, kind: DatabaseKind): Promise<void> {
  const content =
    kind === 'postgres' && target.databaseUrl
      ? await postgresContent(target.databaseUrl)
      : await pgliteContent(target.dataDir);
  const files = (await exists(attachmentsDir(target))) ? (await readdir(attachmentsDir(target))).length : 0;
  if (content.tables === 0 && files === 0) return;
  throw new BackupError(
    `The target is not empty (${content.tables} tables, ${content.tickets} tickets` +
      `${files > 0 ? ', attachment files' : ''}). Restoring replaces everything in it. ` +
      'Run again with --yes to confirm.',
  );
}

async function migrateAndCountPostgres(url: string): Promise<CountsRow> {
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  return withClient(url, async (client) => {
    const row = (await client.query<CountsRow>(COUNTS_SQL)).rows[0];
    if (!row) throw new BackupError('The database answered no counts.');
    return row;
  });
}

/** Moves `live` aside (if there) and `incoming` into its place; answers how to put things back. */
async function swap(live: string, incoming: string, aside: string): Promise<() => Promise<void>> {
  const hadLive = await exists(live);
  if (hadLive) await rename(live, aside);
  await rename(incoming, live);
  return async () => {
    await rm(live, { recursive: true, force: true });
    if (hadLive) await rename(aside, live);
  };
}

/**
 * Verifies the archive (manifest, kind, checksums), refuses a non-empty target unless `yes`, restores the
 * database and the attachments folder, applies this version's migrations and answers the counts found.
 * With PGlite the old data directory and attachments are moved aside and put back if anything fails.
 */
export async function restoreBackup(
  target: BackupTarget,
  options: { from: string; yes: boolean },
  log: BackupLog,
): Promise<{ counts: Counts; manifest: Manifest }> {
  const kind = targetKind(target);
  const from = path.resolve(options.from);
  if (!(await exists(from))) throw new BackupError(`${from} does not exist.`);
  await mkdir(target.dataDir, { recursive: true });
  // Inside DATA_DIR so that the final moves are renames on one file system.
  const work = await mkdtemp(path.join(target.dataDir, '.ccr-restore-'));
  const undo: Array<() => Promise<void>> = [];
  let keepWork = false;
  try {
    await unpackArchive(from, work);
    const manifest = await readManifest(path.join(work, MANIFEST_FILE));
    checkCompatible(manifest, kind);
    await verifyParts(manifest, work);
    log.out(`Archive verified: made ${manifest.createdAt}, ${formatCounts(manifest.counts)}.`);
    if (!options.yes) await refuseNonEmpty(target, kind);

    const incomingFiles = path.join(work, 'attachments');
    await mkdir(incomingFiles, { mode: 0o700 });
    await unpackFolder(path.join(work, ATTACHMENTS_PART), incomingFiles);
    const databasePart = path.join(work, DATABASE_PART[kind]);

    let counts: CountsRow;
    if (kind === 'postgres' && target.databaseUrl) {
      log.out('Restoring the PostgreSQL database…');
      await restorePostgres(target.databaseUrl, databasePart, target.pgBin);
      await swap(attachmentsDir(target), incomingFiles, path.join(work, 'attachments.before'));
      counts = await migrateAndCountPostgres(target.databaseUrl);
    } else {
      log.out('Restoring the embedded database…');
      const incoming = path.join(work, 'pglite');
      // Loaded and migrated aside: the live directory is only touched by the renames below.
      counts = await loadPglite(databasePart, incoming);
      undo.push(await swap(pgliteDir(target.dataDir), incoming, path.join(work, 'pglite.before')));
      undo.push(await swap(attachmentsDir(target), incomingFiles, path.join(work, 'attachments.before')));
    }
    undo.length = 0;

    const { migrations, ...found } = counts;
    log.out(`Restored: ${formatCounts(found)} (${migrations} migrations applied).`);
    const expected = manifest.counts;
    if (
      found.tickets < expected.tickets ||
      found.messages < expected.messages ||
      found.attachments < expected.attachments
    ) {
      throw new BackupError(
        `The restored database holds fewer rows than the backup recorded (${formatCounts(expected)}).`,
      );
    }
    return { counts: found, manifest };
  } catch (error) {
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (undoError) {
        keepWork = true;
        throw new BackupError(
          `Restoring failed (${String(error)}) and so did putting the previous data back (${String(undoError)}). ` +
            `The previous data is in ${work}.`,
        );
      }
    }
    if (undo.length > 0) log.out('The previous data was put back.');
    throw error;
  } finally {
    if (!keepWork) await rm(work, { recursive: true, force: true });
  }
}
