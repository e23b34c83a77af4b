import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabaseEnv, ROOT, startServer, type ServerProcess } from '../helpers/process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const database = await freshDatabaseEnv();
  cleanups.push(() => database.cleanup());
  const server = await startServer({ ...database.env, ...env });
  cleanups.push(() => server.stop());
  return server;
}

const post = (server: ServerProcess, path: string, body: unknown, cookie?: string) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ccr-csrf': '1', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

// Starting a real process is slow on a busy two-core machine.
describe('the server process', { timeout: 120_000 }, () => {
  it('creates the first admin with a random password printed once, and logs no secrets', async () => {
    const server = await start({ LOG_LEVEL: 'debug' });
    const password = /password: (\w+)/.exec(server.output())?.[1] ?? '';
    expect(password).toMatch(/^\w{20}$/);
    expect(server.output()).toContain('admin@localhost');

    const signIn = await post(server, '/api/v1/auth/sign-in', { email: 'admin@localhost', password });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const token = cookie.split('=')[1] ?? '';
    expect(token.length).toBeGreaterThan(20);

    const customerPassword = 'customer secret password';
    await post(server, '/api/v1/auth/register', {
      fullName: 'Log Checker',
      email: 'log.checker@example.com',
      password: customerPassword,
      passwordConfirmation: customerPassword,
    });
    await fetch(`${server.url}/api/v1/admin/overview`, { headers: { cookie } });
    await server.stop();

    const output = server.output();
    // The generated password appears exactly once: in the banner.
    expect(output.split(password).length - 1).toBe(1);
    expect(output).not.toContain(customerPassword);
    expect(output).not.toContain(token);
    // JSON lines with a request id when not on a terminal.
    const requestLine = output.split('\n').find((line) => line.includes('/api/v1/admin/overview'));
    expect(JSON.parse(requestLine ?? '{}')).toHaveProperty('reqId');
  });

  it('takes the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, and only once', async () => {
    const database = await freshDatabaseEnv();
    cleanups.push(() => database.cleanup());
    const env = { ...database.env, ADMIN_EMAIL: 'Owner@Shop.example', ADMIN_PASSWORD: 'owner password 1' };
    const first = await startServer(env);
    expect(
      (
        await post(first, '/api/v1/auth/sign-in', {
          email: 'owner@shop.example',
          password: 'owner password 1',
        })
      ).status,
    ).toBe(200);
    expect(first.output()).not.toContain('owner password 1');
    expect(await first.stop()).toBe(0);

    // A restart with other values does not create a second admin.
    const second = await startServer({
      ...env,
      ADMIN_EMAIL: 'other@shop.example',
      ADMIN_PASSWORD: 'other password 1',
    });
    cleanups.push(() => second.stop());
    expect(
      (
        await post(second, '/api/v1/auth/sign-in', {
          email: 'other@shop.example',
          password: 'other password 1',
        })
      ).status,
    ).toBe(401);
  });

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const server = await start({ ADMIN_EMAIL: 'admin@shop.example', ADMIN_PASSWORD: 'admin password 1' });
    // Sign-in spends tens of milliseconds hashing: long enough to be in flight when the signal lands.
    const inFlight = post(server, '/api/v1/auth/sign-in', {
      email: 'admin@shop.example',
      password: 'admin password 1',
    });
    await until(() => server.output().includes('"url":"/api/v1/auth/sign-in"'));
    server.child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(await server.exited).toBe(0);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('refuses to start on bad configuration, naming every problem', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        ADMIN_EMAIL: 'a@b.c',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
    expect(result.stderr).toContain('DATABASE_URL must start with postgres: or postgresql:');
    expect(result.stderr).toContain('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  });
});
