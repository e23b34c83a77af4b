import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/** A problem the operator can act on: printed as it is, exit code 1, never a stack trace. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export const FORMAT = 'ccr-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const ATTACHMENTS_PART = 'attachments.tar.gz';
/** pg_dump's custom format for PostgreSQL; PGlite's own data directory tarball for the embedded database. */
export const DATABASE_PART = { postgres: 'database.pgdump', pglite: 'database.pglite.tar.gz' } as const;
export type DatabaseKind = keyof typeof DATABASE_PART;

const Part = Type.Object({
  bytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});
const Count = Type.Integer({ minimum: 0 });

export const Manifest = Type.Object({
  format: Type.Literal(FORMAT),
  formatVersion: Type.Integer({ minimum: 1 }),
  createdAt: Type.String(),
  database: Type.Object({
    kind: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]),
    migrations: Count,
    serverVersion: Type.String(),
  }),
  counts: Type.Object({ tickets: Count, messages: Count, attachments: Count }),
  parts: Type.Record(Type.String(), Part),
});
export type Manifest = Static<typeof Manifest>;
export type Counts = Manifest['counts'];

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program without a shell (arguments are never interpreted). Output is kept for messages only:
 * dumps are written by the program itself (`--file`), so nothing large passes through this process.
 */
export function runTool(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-64_000)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-64_000)));
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(`${command} was not found. ${missingToolHint(path.basename(command))}`)
          : error,
      );
    });
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function missingToolHint(tool: string): string {
  return tool === 'tar'
    ? 'Install GNU tar.'
    : 'Install the PostgreSQL client tools (Debian: apt-get install postgresql-client) ' +
        'or point --pg-bin at the folder holding pg_dump and pg_restore.';
}

async function tar(args: string[]): Promise<ToolResult> {
  const result = await runTool('tar', args);
  if (result.code !== 0) throw new BackupError(`tar failed: ${result.stderr.trim()}`);
  return result;
}

/** One uncompressed tar of the parts: each part is compressed already. */
export async function packArchive(file: string, dir: string, names: string[]): Promise<void> {
  await tar(['-cf', file, '-C', dir, '--', ...names]);
}

/** Extracts the archive into `dir` after checking that it holds exactly the expected files, nothing else. */
export async function unpackArchive(file: string, dir: string): Promise<void> {
  const { stdout } = await tar(['-tf', file]).catch((error: unknown) => {
    throw error instanceof BackupError
      ? new BackupError(`${file} is not a backup archive (${error.message})`)
      : error;
  });
  const members = stdout.split('\n').filter((line) => line !== '');
  const allowed = new Set<string>([MANIFEST_FILE, ATTACHMENTS_PART, ...Object.values(DATABASE_PART)]);
  const unexpected = members.filter((member) => !allowed.has(member));
  if (unexpected.length > 0 || !members.includes(MANIFEST_FILE)) {
    throw new BackupError(
      `${file} is not a backup archive made by this app (no manifest, or unexpected files).`,
    );
  }
  await tar(['-xf', file, '-C', dir, '--no-same-owner', '--', ...members]);
  for (const member of members) {
    if (!(await lstat(path.join(dir, member))).isFile())
      throw new BackupError(`${member} in the archive is not a file.`);
  }
}

/** The folder's content as a gzipped tar; a missing folder gives an empty one. */
export async function packFolder(file: string, folder: string | undefined): Promise<void> {
  // Files being written are named *.tmp until renamed whole (see attachments.storage.ts): leave them out.
  await tar(
    folder ? ['-czf', file, '--exclude=*.tmp', '-C', folder, '.'] : ['-czf', file, '-T', '/dev/null'],
  );
}

export async function unpackFolder(file: string, folder: string): Promise<void> {
  await tar(['-xzf', file, '-C', folder, '--no-same-owner']);
}

/** Streams the file through SHA-256. */
export async function describePart(file: string): Promise<Static<typeof Part>> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return { bytes: (await lstat(file)).size, sha256: hash.digest('hex') };
}

export async function readManifest(file: string): Promise<Manifest> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new BackupError('The archive manifest is not valid JSON.');
  }
  if (!Value.Check(Manifest, data)) {
    const first = [...Value.Errors(Manifest, data)][0];
    throw new BackupError(
      `The archive manifest is not valid${first ? ` (${first.instancePath || '/'} ${first.message})` : ''}.`,
    );
  }
  if (data.formatVersion > FORMAT_VERSION) {
    throw new BackupError(
      `This backup uses format version ${data.formatVersion}; this version of the app reads up to ${FORMAT_VERSION}. ` +
        'Restore it with a newer version of the app.',
    );
  }
  return data;
}

/** Every part the manifest names is present with its size and SHA-256; anything else is refused. */
export async function verifyParts(manifest: Manifest, dir: string): Promise<void> {
  const expected = [DATABASE_PART[manifest.database.kind], ATTACHMENTS_PART];
  for (const name of expected) {
    const recorded = manifest.parts[name];
    if (!recorded) throw new BackupError(`The manifest does not describe ${name}.`);
    const actual = await describePart(path.join(dir, name)).catch(() => undefined);
    if (!actual) throw new BackupError(`The archive is missing ${name}.`);
    if (actual.bytes !== recorded.bytes || actual.sha256 !== recorded.sha256) {
      throw new BackupError(
        `Checksum mismatch for ${name}: the archive is damaged or was changed after the backup. Nothing was restored.`,
      );
    }
  }
}

export const formatCounts = (counts: Counts) =>
  `${counts.tickets} tickets, ${counts.messages} messages, ${counts.attachments} attachments`;
