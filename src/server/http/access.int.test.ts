import fastifyCookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../test/helpers/app.js';
import type { Role } from '../../shared/roles.js';
import { createAuthService } from '../features/auth/auth.service.js';
import { createUsersService } from '../features/users/users.service.js';
import { registerAccessGuard } from './access-guard.js';

let context: TestContext;
const cookies: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  context = await createTestApp();
  for (const role of ['customer', 'agent', 'admin'] as const) {
    cookies[role] = (await signedIn(context, role)).cookie;
  }
});
afterAll(() => context.close());

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', 'customer', 'agent', 'admin'];

/** Every guarded route and the status each kind of caller gets. */
const ROUTES: { method: 'GET' | 'POST'; url: string; expected: Record<Caller, number> }[] = [
  {
    method: 'GET',
    url: '/api/v1/auth/session',
    expected: { anonymous: 401, customer: 200, agent: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/me/sessions',
    expected: { anonymous: 401, customer: 200, agent: 200, admin: 200 },
  },
  {
    method: 'POST',
    url: '/api/v1/me/sessions/sign-out-others',
    expected: { anonymous: 401, customer: 204, agent: 204, admin: 204 },
  },
  {
    method: 'GET',
    url: '/api/v1/admin/overview',
    expected: { anonymous: 401, customer: 403, agent: 403, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/admin/users',
    expected: { anonymous: 401, customer: 403, agent: 403, admin: 200 },
  },
];

describe('who may call what', () => {
  for (const route of ROUTES) {
    for (const caller of CALLERS) {
      it(`${route.method} ${route.url} as ${caller} → ${route.expected[caller]}`, async () => {
        const cookie = caller === 'anonymous' ? undefined : cookies[caller];
        const response = await call(
          context.app,
          route.method,
          route.url,
          undefined,
          cookie ? { cookie } : {},
        );
        expect(response.statusCode).toBe(route.expected[caller]);
        if (response.statusCode >= 400) {
          const code = response.json<{ error: { code: string } }>().error.code;
          expect(code).toBe(response.statusCode === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        }
      });
    }
  }

  it('refuses to start when an API route does not declare who may call it', async () => {
    const bare = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    await bare.register(fastifyCookie);
    registerAccessGuard(
      bare,
      createAuthService(context.db.database.db, createUsersService(context.db.database.db)),
    );
    bare.get('/api/v1/declared', { config: { access: 'public' } }, () => ({}));
    expect(() => bare.get('/api/v1/undeclared', () => ({}))).toThrow(
      'Route GET /api/v1/undeclared does not declare config.access',
    );
    await bare.close();
  });
});

describe('cross-site request forgery', () => {
  const register = (headers: Record<string, string>) =>
    context.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({
        fullName: 'Mallory',
        email: `mallory.${Math.random()}@example.com`,
        password: 'a long enough password',
        passwordConfirmation: 'a long enough password',
      }),
    });

  it.each([
    ['without the CSRF header', {}],
    ['from another origin', { 'x-ccr-csrf': '1', origin: 'https://evil.example' }],
    ['marked cross-site by the browser', { 'x-ccr-csrf': '1', 'sec-fetch-site': 'cross-site' }],
  ])('refuses a state-changing request %s with 403 and writes nothing', async (_case, headers) => {
    const response = await register(headers);
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('CSRF_REJECTED');
  });

  it('accepts a same-origin request that carries the header', async () => {
    const response = await register({
      'x-ccr-csrf': '1',
      origin: 'http://localhost:3000',
      'sec-fetch-site': 'same-origin',
    });
    expect(response.statusCode).toBe(201);
  });

  it('refuses sign-out of a victim from another site', async () => {
    const cookie = cookies.customer ?? '';
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(403);
    const still = await call(context.app, 'GET', '/api/v1/auth/session', undefined, { cookie });
    expect(still.statusCode).toBe(200);
  });
});

describe('headers and documents', () => {
  it('sets a strict Content-Security-Policy and the usual security headers', async () => {
    const response = await call(context.app, 'GET', '/api/v1/auth/session');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'( 'nonce-[a-f0-9]+')?;/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('gives every response a request id, keeping a well-formed one the caller sent', async () => {
    const generated = await call(context.app, 'GET', '/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await call(context.app, 'GET', '/healthz', undefined, {
      headers: { 'x-request-id': 'lb-1234' },
    });
    expect(kept.headers['x-request-id']).toBe('lb-1234');
    const replaced = await call(context.app, 'GET', '/healthz', undefined, {
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI document describing every API route with its schemas', async () => {
    const response = await call(context.app, 'GET', '/api/docs/json');
    expect(response.statusCode).toBe(200);
    const document = response.json<{ paths: Record<string, Record<string, { responses: object }>> }>();
    for (const route of [
      '/api/v1/auth/register',
      '/api/v1/auth/sign-in',
      '/api/v1/auth/sign-out',
      '/api/v1/admin/users',
    ]) {
      expect(document.paths).toHaveProperty([route]);
    }
    expect(document.paths['/api/v1/auth/register']?.post?.responses).toHaveProperty(['409']);
    const page = await call(context.app, 'GET', '/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with a JSON 404 in the error shape', async () => {
    const response = await call(context.app, 'GET', '/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });
});
