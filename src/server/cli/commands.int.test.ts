import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  createUser,
  knownDeviceSignIn,
  sessionCookie,
  TEST_PASSWORD,
  type TestContext,
} from '../../../test/helpers/app.js';
import { runCommand } from './commands.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(argv, context.db.database, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const signIn = (email: string, password: string) => knownDeviceSignIn(context, { email, password });

describe('cli', () => {
  it('migrate is idempotent', async () => {
    expect(await run('migrate')).toMatchObject({ code: 0, out: 'Migrations applied.' });
  });

  it('create-admin makes an admin who can sign in, printing a generated password once', async () => {
    const result = await run('create-admin', '--email', 'Chief@Example.com', '--name', 'Chief');
    expect(result.code).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(result.out)?.[1] ?? '';
    expect(password).toHaveLength(20);
    const response = await signIn('chief@example.com', password);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { role: 'admin', fullName: 'Chief', emailConfirmed: true },
    });
  });

  it('create-admin refuses a taken email and a short password', async () => {
    await run('create-admin', '--email', 'taken@example.com', '--password', 'long enough password');
    expect(await run('create-admin', '--email', 'taken@example.com')).toMatchObject({
      code: 1,
      err: 'An account with this email already exists',
    });
    const short = await run('create-admin', '--email', 'short@example.com', '--password', 'short');
    expect(short.code).toBe(1);
    expect(short.err).toContain('--password must be at least 10 characters');
  });

  it('reset-password sets the new password and signs the account out everywhere', async () => {
    const user = await createUser(context, 'agent');
    const before = sessionCookie(await signIn(user.email, TEST_PASSWORD));
    const result = await run('reset-password', '--email', user.email, '--password', 'a brand new password');
    expect(result.code).toBe(0);
    expect(
      (await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie: before })).statusCode,
    ).toBe(401);
    expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn(user.email, 'a brand new password')).statusCode).toBe(200);
  });

  it('reset-password for an unknown email fails without creating anything', async () => {
    expect(await run('reset-password', '--email', 'nobody@example.com')).toMatchObject({
      code: 1,
      err: 'No account with the email nobody@example.com.',
    });
  });

  it('rejects unknown commands and options with the usage text', async () => {
    const unknown = await run('drop-everything');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown command: drop-everything');
    expect(unknown.err).toContain('Usage: npm run cli');
    expect((await run('migrate', '--force')).err).toContain("Unknown option '--force'");
  });
});
