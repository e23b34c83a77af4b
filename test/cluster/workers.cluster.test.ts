import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database.js';
import { startServer, workerPids, type ServerProcess } from '../helpers/process.js';

const PASSWORD = 'workers password 1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ccr-csrf': '1' },
    body: JSON.stringify({ email: 'owner@workers.example', password: PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

describe('WORKERS=2: several app processes on one port', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let primary: number;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    await database.database.close();
    server = await startServer({
      DATABASE_URL: database.url ?? '',
      WORKERS: '2',
      ADMIN_EMAIL: 'owner@workers.example',
      ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'info',
    });
    primary = server.child.pid ?? 0;
  });

  afterAll(async () => {
    await server?.stop();
    await database?.destroy();
  });

  it('forks the workers, migrates and creates the first admin once, and serves from both', async () => {
    expect(
      await until(
        () => workerPids(primary),
        (pids) => pids.length === 2,
      ),
    ).toHaveLength(2);
    const output = server.output();
    expect(output.split('migrations applied').length - 1).toBe(1);
    expect(output.split('first admin account created').length - 1).toBe(1);

    // Keep-alive is off for each request (a new connection each time), so the primary deals them out.
    const cookie = await signIn(server.url);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${server.url}/api/v1/auth/session`, { headers: { cookie, connection: 'close' } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
  });

  it('starts another worker when one dies, and keeps answering meanwhile', async () => {
    const [victim, survivor] = await until(
      () => workerPids(primary),
      (pids) => pids.length === 2,
    );
    process.kill(victim ?? 0, 'SIGKILL');
    // A connection the primary hands to a worker at the instant it dies is lost with it; once the
    // primary has seen the death, every new connection goes to the survivor.
    await until(
      () => server.output(),
      (output) => output.includes('app worker exited; starting another'),
    );
    const cookie = await signIn(server.url);
    const during = await fetch(`${server.url}/api/v1/auth/session`, {
      headers: { cookie },
      signal: AbortSignal.timeout(10_000),
    });
    expect(during.status).toBe(200);

    const pids = await until(
      () => workerPids(primary),
      (next) => next.length === 2 && !next.includes(victim ?? 0),
    );
    expect(pids).toHaveLength(2);
    expect(pids).toContain(survivor);
    // The replacement listens too (the third "listening" line on 127.0.0.1).
    const listening = (output: string) => output.split('Server listening at http://127.0.0.1').length - 1;
    expect(
      listening(
        await until(
          () => server.output(),
          (output) => listening(output) === 3,
        ),
      ),
    ).toBe(3);
  });

  it('stops every worker on SIGTERM and exits 0', async () => {
    const pids = workerPids(primary);
    expect(pids).toHaveLength(2);
    expect(await server.stop()).toBe(0);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
