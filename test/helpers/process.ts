import { readdirSync, readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createEmptyDatabase, type TestDatabase } from './database.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/**
 * `src/server/main.ts` as a real process, as `npm start` runs it, on the given environment (a free
 * port unless `env.PORT` names one, e.g. to restart an instance behind a load balancer). `built`:
 * the compiled `dist/server/main.js` instead (the benchmarks measure what production runs); `nodeArgs`:
 * flags for node itself, such as `--cpu-prof`; `cwd`: another checkout (a benchmark's baseline).
 */
export async function startServer(
  env: Record<string, string>,
  { built = false, nodeArgs = [], cwd = ROOT }: { built?: boolean; nodeArgs?: string[]; cwd?: string } = {},
): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const entry = built ? ['dist/server/main.js'] : ['--import', 'tsx', 'src/server/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    child,
    url,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  await waitFor(
    async () => (await fetch(`${url}/readyz`)).ok,
    exited,
    () => output,
  );
  return server;
}

async function waitFor(check: () => Promise<boolean>, exited: Promise<unknown>, output: () => string) {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (done) throw new Error(`server exited while starting:\n${output()}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become ready:\n${output()}`);
}

/** Environment for a server on a fresh, empty database of the kind under test. */
export async function freshDatabaseEnv(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  if (process.env.TEST_DATABASE === 'postgres') {
    const empty: TestDatabase = await createEmptyDatabase();
    await empty.database.close();
    return { env: { DATABASE_URL: empty.url ?? '' }, cleanup: () => empty.destroy() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ccr-data-'));
  return { env: { DATA_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The app workers a `WORKERS` > 1 primary has forked: its children (the 4th field of /proc/<pid>/stat
 * is the parent) that run the server, not tsx's esbuild helper.
 */
export const workerPids = (primary: number): number[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const parent = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
        return parent === String(primary) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('main.');
      } catch {
        return false; // it ended while we looked
      }
    })
    .map(Number);

/** A process's peak resident memory so far (VmHWM), in MiB. */
export const peakMemoryMiB = (pid: number) =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
