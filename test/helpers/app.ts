import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/server/app.js';
import type { UserRow } from '../../src/server/db/schema.js';
import { createUsersService } from '../../src/server/features/users/users.service.js';
import type { App } from '../../src/server/http/types.js';
import type { Role } from '../../src/shared/roles.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_CONFIG: AppDeps['config'] = {
  publicUrl: 'http://localhost:3000',
  sessionIdleMinutes: 120,
  sessionMaxHours: 24 * 7,
  trustProxy: false,
};

export interface TestContext {
  app: App;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real app on its own fresh database, without a port (requests go through app.inject). */
export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const app = await buildApp({ database: db.database, config: TEST_CONFIG, ...overrides });
  await app.ready();
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

export interface CallOptions {
  cookie?: string;
  headers?: Record<string, string>;
}

/** A same-origin API call as the web app makes it: JSON body, CSRF header, optional session cookie. */
export function call(
  app: App,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: {
      ...(method === 'GET' ? {} : { 'x-ccr-csrf': '1' }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** The `name=value` pair of the session cookie a response set, ready to send back. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'ccr_session');
  if (!cookie) throw new Error(`no session cookie in a ${response.statusCode} response`);
  return `ccr_session=${cookie.value}`;
}

let sequence = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}.${Date.now()}.${++sequence}@example.com`;

export const TEST_PASSWORD = 'correct horse battery';

/** Creates an account of any role directly through the users service. */
export async function createUser(
  context: TestContext,
  role: Role,
  fields: { email?: string; fullName?: string; password?: string } = {},
): Promise<UserRow> {
  return createUsersService(context.db.database.db).createUser({
    role,
    email: fields.email ?? uniqueEmail(role),
    fullName: fields.fullName ?? `Test ${role}`,
    password: fields.password ?? TEST_PASSWORD,
  });
}

/** Creates an account and signs it in; answers the cookie to send with later calls. */
export async function signedIn(context: TestContext, role: Role): Promise<{ user: UserRow; cookie: string }> {
  const user = await createUser(context, role);
  const response = await call(context.app, 'POST', '/api/v1/auth/sign-in', {
    email: user.email,
    password: TEST_PASSWORD,
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return { user, cookie: sessionCookie(response) };
}
