import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/server/app.js';
import type { UserRow } from '../../src/server/db/schema.js';
import { createDevicesService } from '../../src/server/features/devices/devices.service.js';
import { createUsersService } from '../../src/server/features/users/users.service.js';
import type { App } from '../../src/server/http/types.js';
import type { Role } from '../../src/shared/roles.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_CONFIG: AppDeps['config'] = {
  publicUrl: 'http://localhost:3000',
  sessionIdleMinutes: 120,
  sessionMaxHours: 24 * 7,
  // As in production: requests use the session cache, and its invalidation is tested with them.
  sessionCacheSeconds: 30,
  trustProxy: false,
  // On, as with a real mail transport: helpers sign in from a remembered device (knownDeviceSignIn).
  newDeviceCodes: true,
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

/** GET /api/v1/auth/session with a cookie: who it signs in as (200), or 401. */
export const getSession = (app: App, cookie: string) =>
  call(app, 'GET', '/api/v1/auth/session', undefined, { cookie });

/** The status getSession answers: whether the cookie still signs anyone in. */
export const sessionStatus = async (app: App, cookie: string) => (await getSession(app, cookie)).statusCode;

/** The `name=value` pair of the session cookie a response set, ready to send back. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'ccr_session');
  if (!cookie) throw new Error(`no session cookie in a ${response.statusCode} response`);
  return `ccr_session=${cookie.value}`;
}

let sequence = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}.${Date.now()}.${++sequence}@example.com`;

export const TEST_PASSWORD = 'correct horse battery';

/** Creates an account of any role directly through the users service; confirmed unless `emailConfirmed: false`. */
export async function createUser(
  context: TestContext,
  role: Role,
  fields: { email?: string; fullName?: string; password?: string; emailConfirmed?: boolean } = {},
): Promise<UserRow> {
  return createUsersService(context.db.database.db).createUser({
    role,
    email: fields.email ?? uniqueEmail(role),
    fullName: fields.fullName ?? `Test ${role}`,
    password: fields.password ?? TEST_PASSWORD,
    emailConfirmedAt: fields.emailConfirmed === false ? null : new Date(),
  });
}

/**
 * A browser the account has already verified: the `ccr_device=…` cookie pair, issued straight in the
 * test database (the signing key is shared with the app through app_settings). `now`: the app's clock.
 */
export async function rememberedDevice(
  context: TestContext,
  account: { id: string },
  now: () => Date = () => new Date(),
): Promise<string> {
  const devices = createDevicesService(context.db.database.db, { now });
  const device = await devices.remember(account.id, { ip: '127.0.0.1', userAgent: 'test helper' }, undefined);
  return `ccr_device=${device.cookie}`;
}

/**
 * POST /api/v1/auth/sign-in from a browser the account verified before, so the answer is the session
 * (200) with no second step. An email without an account is sent as it is (for 401 tests).
 */
export async function knownDeviceSignIn(
  context: TestContext,
  body: { email: string; password: string },
  options: CallOptions & { now?: () => Date } = {},
): Promise<LightMyRequestResponse> {
  const { now, ...callOptions } = options;
  const account = await createUsersService(context.db.database.db).findByEmail(body.email);
  const device = account ? await rememberedDevice(context, account, now) : undefined;
  const cookie = [device, callOptions.cookie].filter(Boolean).join('; ');
  return call(context.app, 'POST', '/api/v1/auth/sign-in', body, { ...callOptions, cookie });
}

/** Creates an account and signs it in; answers the cookie to send with later calls. */
export async function signedIn(context: TestContext, role: Role): Promise<{ user: UserRow; cookie: string }> {
  const user = await createUser(context, role);
  const response = await knownDeviceSignIn(context, { email: user.email, password: TEST_PASSWORD });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return { user, cookie: sessionCookie(response) };
}
