import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  createUser,
  knownDeviceSignIn,
  sessionCookie,
  sessionStatus,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../test/helpers/app.js';
import type { SessionPage } from '../../../shared/contracts/account.js';
import type { UserRow } from '../../db/schema.js';
import { sha256 } from '../../security/tokens.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

const signIn = async (user: UserRow, userAgent: string) =>
  sessionCookie(
    await knownDeviceSignIn(
      context,
      { email: user.email, password: TEST_PASSWORD },
      { headers: { 'user-agent': userAgent } },
    ),
  );

const list = (cookie: string, query = '') =>
  call(context.app, 'GET', `/api/v1/me/sessions${query}`, undefined, { cookie });

const items = async (cookie: string) => (await list(cookie)).json<SessionPage>().items;

const status = (cookie: string) => sessionStatus(context.app, cookie);

const revoke = (cookie: string, id: string) =>
  call(context.app, 'DELETE', `/api/v1/me/sessions/${id}`, undefined, { cookie });

const tokenOf = (cookie: string) => cookie.slice('ccr_session='.length);

describe('my sessions', () => {
  it('lists both sessions, newest first, with opaque ids and the current one marked', async () => {
    const user = await createUser(context, 'customer');
    const laptop = await signIn(user, 'Laptop Firefox');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const phone = await signIn(user, 'Phone Chrome');

    const response = await list(laptop);
    expect(response.statusCode).toBe(200);
    const page = response.json<SessionPage>();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((s) => [s.userAgent, s.current])).toEqual([
      ['Phone Chrome', false],
      ['Laptop Firefox', true],
    ]);
    for (const session of page.items) {
      expect(Object.keys(session).sort()).toEqual([
        'createdAt',
        'current',
        'id',
        'ip',
        'lastSeenAt',
        'userAgent',
      ]);
      expect(session.id).toMatch(/^[0-9a-f]{32}$/);
      expect(session.ip).toBe('127.0.0.1');
    }
    // The id is part of the stored hash, never the token nor the whole hash.
    const ids = page.items.map((s) => s.id);
    expect(ids[1]).toBe(sha256(tokenOf(laptop)).slice(0, 32));
    for (const cookie of [laptop, phone]) {
      expect(ids).not.toContain(tokenOf(cookie));
      expect(ids).not.toContain(sha256(tokenOf(cookie)));
      expect(response.body).not.toContain(tokenOf(cookie));
    }
    expect((await items(phone)).map((s) => s.current)).toEqual([true, false]);
  });

  it('pages with a cursor and refuses a cursor it did not give out', async () => {
    const user = await createUser(context, 'customer');
    const cookies = [];
    for (let i = 0; i < 3; i++) cookies.push(await signIn(user, `Browser ${i}`));
    const me = cookies[0] ?? '';
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SessionPage = (
        await list(me, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json<SessionPage>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(3);
    expect(seen).toEqual((await items(me)).map((s) => s.id));

    const bad = await list(me, '?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: unknown[] } }>().error.details).toEqual([
      { field: 'cursor', message: 'is not a cursor this API gave out' },
    ]);
  });

  it('signs out another of my sessions, and only that one', async () => {
    const user = await createUser(context, 'customer');
    const laptop = await signIn(user, 'Laptop');
    const phone = await signIn(user, 'Phone');
    const phoneId = (await items(laptop)).find((s) => !s.current)?.id ?? '';

    const response = await revoke(laptop, phoneId);
    expect(response.statusCode).toBe(204);
    expect(response.cookies).toEqual([]);
    expect(await status(phone)).toBe(401);
    expect(await status(laptop)).toBe(200);
    expect((await items(laptop)).map((s) => s.userAgent)).toEqual(['Laptop']);
    expect((await revoke(laptop, phoneId)).statusCode).toBe(404);
  });

  it('answers 404 for someone else’s session and leaves it alone', async () => {
    const me = await signIn(await createUser(context, 'customer'), 'Mine');
    const theirs = await signIn(await createUser(context, 'agent'), 'Theirs');
    const theirId = (await items(theirs))[0]?.id ?? '';

    const response = await revoke(me, theirId);
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    expect(await status(theirs)).toBe(200);
    expect((await revoke(me, 'not-an-id')).statusCode).toBe(404);
  });

  it('signs out here when the current session is the one ended, and clears the cookie', async () => {
    const me = await signIn(await createUser(context, 'customer'), 'Here');
    const id = (await items(me))[0]?.id ?? '';
    const response = await revoke(me, id);
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'ccr_session')?.value).toBe('');
    expect(await status(me)).toBe(401);
  });

  it('signs out every other session and keeps this one', async () => {
    const user = await createUser(context, 'admin');
    const others = [await signIn(user, 'One'), await signIn(user, 'Two')];
    const here = await signIn(user, 'Here');
    const stranger = await signIn(await createUser(context, 'admin'), 'Stranger');

    const response = await call(context.app, 'POST', '/api/v1/me/sessions/sign-out-others', undefined, {
      cookie: here,
    });
    expect(response.statusCode).toBe(204);
    for (const cookie of others) expect(await status(cookie)).toBe(401);
    expect(await status(here)).toBe(200);
    expect(await status(stranger)).toBe(200);
    expect((await items(here)).map((s) => [s.userAgent, s.current])).toEqual([['Here', true]]);
  });

  it('answers 401 to anonymous callers', async () => {
    const responses = [
      await call(context.app, 'GET', '/api/v1/me/sessions'),
      await call(context.app, 'DELETE', '/api/v1/me/sessions/0123456789abcdef0123456789abcdef'),
      await call(context.app, 'POST', '/api/v1/me/sessions/sign-out-others'),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(401);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
    }
  });
});
