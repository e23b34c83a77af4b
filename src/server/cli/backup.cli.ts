import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { BackupError } from './backup.archive.js';
import { createBackup, type BackupTarget } from './backup.command.js';
import type { CliOutput } from './commands.js';
import { restoreBackup } from './restore.command.js';

export const BACKUP_COMMANDS = ['backup', 'restore'];

export const BACKUP_USAGE = `Usage:
  npm run cli -- backup [--out FILE] [--pg-bin DIR]
      one archive with the database, the attachments and a manifest
      (default ./backups/ccr-backup-<time>.tar)
  npm run cli -- restore --from FILE [--yes] [--pg-bin DIR]
      verify the archive and restore it; --yes is required when the target is not empty

--pg-bin: the folder holding pg_dump and pg_restore (default: found on PATH).
With the embedded database (DATABASE_URL unset) stop the app first.`;

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      out: { type: 'string' },
      from: { type: 'string' },
      yes: { type: 'boolean', default: false },
      'pg-bin': { type: 'string' },
    },
    strict: true,
  }).values;
}

/** `npm run cli -- backup|restore`: they open the database themselves (restore replaces it). */
export async function runBackupCli(argv: string[], io: CliOutput, env?: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  let options: ReturnType<typeof parse>;
  try {
    options = parse(rest);
    if (command === 'backup' && (options.from !== undefined || options.yes)) {
      throw new Error('backup takes --out and --pg-bin only');
    }
    if (command === 'restore' && options.out !== undefined)
      throw new Error('restore takes --from, not --out');
    if (command === 'restore' && !options.from) throw new Error('--from is required');
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${BACKUP_USAGE}`);
    return 1;
  }
  try {
    const config = loadConfig(env);
    const target: BackupTarget = {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      pgBin: options['pg-bin'],
    };
    if (command === 'backup') await createBackup(target, { out: options.out }, io);
    else await restoreBackup(target, { from: options.from ?? '', yes: options.yes ?? false }, io);
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}
