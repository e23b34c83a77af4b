import { BACKUP_COMMANDS, runBackupCli } from './cli/backup.cli.js';
import { runCli } from './cli/commands.js';

const argv = process.argv.slice(2);
const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

// backup and restore open (or replace) the database themselves; every other command gets it opened.
process.exitCode = BACKUP_COMMANDS.includes(argv[0] ?? '')
  ? await runBackupCli(argv, io)
  : await runCli(argv, io);
