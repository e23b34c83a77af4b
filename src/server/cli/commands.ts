import { parseArgs } from 'node:util';
import { EMAIL_PATTERN, PASSWORD_MIN_LENGTH } from '../../shared/contracts/auth.js';
import { ConfigError, loadConfig } from '../config.js';
import type { Database } from '../db/connection.js';
import { openConfiguredDatabase } from '../db/open-from-config.js';
import { AppError } from '../errors.js';
import { createAuthService } from '../features/auth/auth.service.js';
import { createUsersService } from '../features/users/users.service.js';
import { newPassword } from '../security/tokens.js';

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   apply database migrations
  create-admin --email E [--name N] [--password P]
                                            create an admin (a random password is printed when none is given)
  reset-password --email E [--password P]   set a new password and sign the account out everywhere
                                            (a random password is printed when none is given)
  backup [--out FILE] [--pg-bin DIR]        write one archive: database, attachments, manifest
  restore --from FILE [--yes] [--pg-bin DIR]
                                            restore an archive (--yes when the target is not empty)

The database is the app's own: DATABASE_URL when set, otherwise the embedded one in DATA_DIR.`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

interface Options {
  email?: string;
  name?: string;
  password?: string;
}

function parseOptions(args: string[]): Options {
  try {
    return parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function requireEmail(options: Options): string {
  if (!options.email) throw new UsageError('--email is required');
  if (!new RegExp(EMAIL_PATTERN).test(options.email)) throw new UsageError('--email is not an email address');
  return options.email;
}

function chosenPassword(options: Options): string {
  if (options.password !== undefined && options.password.length < PASSWORD_MIN_LENGTH) {
    throw new UsageError(`--password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  return options.password ?? newPassword();
}

async function execute(command: string | undefined, options: Options, database: Database, io: CliOutput) {
  if (command !== 'migrate' && command !== 'create-admin' && command !== 'reset-password') {
    throw new UsageError(command ? `Unknown command: ${command}` : 'No command given');
  }
  await database.migrate();
  const users = createUsersService(database.db);

  if (command === 'migrate') {
    io.out('Migrations applied.');
    return 0;
  }
  const email = requireEmail(options);
  const password = chosenPassword(options);
  if (command === 'create-admin') {
    const user = await users.createUser({
      email,
      password,
      fullName: options.name ?? 'Administrator',
      role: 'admin',
      emailConfirmedAt: new Date(),
    });
    io.out(`Admin created: ${user.email}`);
  } else {
    const user = await users.findByEmail(email);
    if (!user) {
      io.err(`No account with the email ${email}.`);
      return 1;
    }
    await createAuthService(database.db, users).setPassword(user.id, password);
    io.out(`Password reset for ${user.email}; every session of this account was signed out.`);
  }
  if (options.password === undefined) io.out(`Password (shown once): ${password}`);
  return 0;
}

/** Runs one command against an open database; answers the process exit code. */
export async function runCommand(argv: string[], database: Database, io: CliOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    return await execute(command, parseOptions(rest), database, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 1;
    }
    if (error instanceof AppError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

/** The `npm run cli` entry: reads the configuration, opens the app's database, runs one command. */
export async function runCli(argv: string[], io: CliOutput): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    io.out(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  let database: Database | undefined;
  try {
    database = await openConfiguredDatabase(loadConfig());
    return await runCommand(argv, database, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database?.close();
  }
}
