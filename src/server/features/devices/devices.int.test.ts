import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  createUser,
  rememberedDevice,
  signedIn,
  TEST_CONFIG,
  TEST_PASSWORD,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';
import { createCategory } from '../../../../test/helpers/factories.js';
import {
  createSmtpReceiver,
  deliverTo,
  waitFor,
  type SmtpReceiver,
} from '../../../../test/helpers/smtp-receiver.js';
import { apiBrowser, signInCodeFor, type ApiBrowser } from '../../../../test/helpers/two-step.js';
import type { DevicePage } from '../../../shared/contracts/account.js';
import type { CreatedAgent } from '../../../shared/contracts/agents.js';
import type { UserRow } from '../../db/schema.js';
import { newToken } from '../../security/tokens.js';
import { signDeviceToken } from './device-cookie.js';

let receiver: SmtpReceiver;
let context: TestContext;
let clockOffsetMs = 0;

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  context = await createTestApp({
    config: { ...TEST_CONFIG, trustProxy: true },
    now: () => new Date(Date.now() + clockOffsetMs),
    mail: deliverTo(receiver),
  });
});
afterAll(async () => {
  await context.close();
  await receiver.stop();
});

const signIn = (browser: ApiBrowser, user: { email: string }, password = TEST_PASSWORD) =>
  browser.send('POST', '/api/v1/auth/sign-in', { email: user.email, password });

/** Signs in on this browser with the emailed code, so the browser is remembered. */
async function verifyBrowser(browser: ApiBrowser, user: UserRow): Promise<void> {
  const seen = receiver.received.length;
  expect((await signIn(browser, user)).statusCode).toBe(202);
  const code = await signInCodeFor(receiver, user.email, seen);
  expect((await browser.send('POST', '/api/v1/auth/sign-in/verify', { code })).statusCode).toBe(200);
}

const devices = async (browser: ApiBrowser, query = '') => {
  const response = await browser.send('GET', `/api/v1/me/devices${query}`);
  expect(response.statusCode).toBe(200);
  return response.json<DevicePage>();
};

const signOut = (browser: ApiBrowser) => browser.send('POST', '/api/v1/auth/sign-out');

describe('my devices', () => {
  it('lists the remembered browsers, most recently used first, with this one marked', async () => {
    const user = await createUser(context, 'customer');
    const laptop = apiBrowser(context, { userAgent: 'Laptop Firefox' });
    const phone = apiBrowser(context, { userAgent: 'Phone Chrome' });
    await verifyBrowser(laptop, user);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await verifyBrowser(phone, user);

    const page = await devices(laptop);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((d) => [d.userAgent, d.ip, d.current])).toEqual([
      ['Phone Chrome', phone.ip, false],
      ['Laptop Firefox', laptop.ip, true],
    ]);
    for (const device of page.items) {
      expect(Object.keys(device).sort()).toEqual([
        'createdAt',
        'current',
        'expiresAt',
        'id',
        'ip',
        'lastUsedAt',
        'userAgent',
      ]);
      const days = (new Date(device.expiresAt).getTime() - new Date(device.createdAt).getTime()) / 86_400_000;
      expect(days).toBe(30);
      expect(page.items.map((d) => d.id)).not.toContain(laptop.cookies.get('ccr_device'));
    }
    expect((await devices(phone)).items.map((d) => d.current)).toEqual([true, false]);

    // Signing in again on the laptop puts it first.
    await signOut(laptop);
    expect((await signIn(laptop, user)).statusCode).toBe(200);
    expect((await devices(laptop)).items.map((d) => d.userAgent)).toEqual(['Laptop Firefox', 'Phone Chrome']);
  });

  it('pages with a cursor and refuses a cursor it did not give out', async () => {
    const user = await createUser(context, 'customer');
    for (let i = 0; i < 3; i++) await rememberedDevice(context, user);
    const browser = apiBrowser(context);
    await verifyBrowser(browser, user);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: DevicePage = await devices(browser, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(seen).toEqual((await devices(browser)).items.map((d) => d.id));

    const bad = await browser.send('GET', '/api/v1/me/devices?cursor=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: unknown[] } }>().error.details).toEqual([
      { field: 'cursor', message: 'is not a cursor this API gave out' },
    ]);
  });

  it('forgets another browser: signing in there asks for a code again', async () => {
    const user = await createUser(context, 'customer');
    const laptop = apiBrowser(context);
    const phone = apiBrowser(context);
    await verifyBrowser(laptop, user);
    await verifyBrowser(phone, user);
    const phoneId = (await devices(laptop)).items.find((d) => !d.current)?.id ?? '';

    const response = await laptop.send('DELETE', `/api/v1/me/devices/${phoneId}`);
    expect(response.statusCode).toBe(204);
    expect(response.cookies).toEqual([]);
    expect((await devices(laptop)).items).toHaveLength(1);
    await signOut(phone);
    expect((await signIn(phone, user)).statusCode).toBe(202);
    expect((await laptop.send('DELETE', `/api/v1/me/devices/${phoneId}`)).statusCode).toBe(404);
  });

  it('forgets this browser and clears its cookie', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    await verifyBrowser(browser, user);
    const id = (await devices(browser)).items[0]?.id ?? '';
    const response = await browser.send('DELETE', `/api/v1/me/devices/${id}`);
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === 'ccr_device')?.value).toBe('');
    expect(browser.cookies.has('ccr_device')).toBe(false);
    await signOut(browser);
    expect((await signIn(browser, user)).statusCode).toBe(202);
  });

  it('keeps one token per browser: a second account adds a row, and forgetting one keeps the other', async () => {
    const first = await createUser(context, 'customer');
    const second = await createUser(context, 'agent');
    const browser = apiBrowser(context);
    await verifyBrowser(browser, first);
    const cookie = browser.cookies.get('ccr_device');
    await signOut(browser);
    await verifyBrowser(browser, second);
    expect(browser.cookies.get('ccr_device')).toBe(cookie);

    const id = (await devices(browser)).items[0]?.id ?? '';
    const response = await browser.send('DELETE', `/api/v1/me/devices/${id}`);
    expect(response.statusCode).toBe(204);
    // The first account still trusts this browser, so the cookie stays.
    expect(response.cookies).toEqual([]);
    await signOut(browser);
    expect((await signIn(browser, first)).statusCode).toBe(200);
    await signOut(browser);
    expect((await signIn(browser, second)).statusCode).toBe(202);
  });

  it('answers 404 for someone else’s device and leaves it alone', async () => {
    const mine = await createUser(context, 'customer');
    const theirs = await createUser(context, 'customer');
    const me = apiBrowser(context);
    const them = apiBrowser(context);
    await verifyBrowser(me, mine);
    await verifyBrowser(them, theirs);
    const theirId = (await devices(them)).items[0]?.id ?? '';

    const response = await me.send('DELETE', `/api/v1/me/devices/${theirId}`);
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    expect((await devices(them)).items.map((d) => d.id)).toEqual([theirId]);
    expect((await me.send('DELETE', '/api/v1/me/devices/not-a-uuid')).statusCode).toBe(404);
  });

  it('answers 401 to anonymous callers', async () => {
    const responses = [
      await call(context.app, 'GET', '/api/v1/me/devices'),
      await call(context.app, 'DELETE', '/api/v1/me/devices/6f1c2a9e-0000-4000-8000-000000000000'),
    ];
    for (const response of responses) expect(response.statusCode).toBe(401);
  });
});

describe('the device cookie', () => {
  it('is not trusted when forged, tampered with or issued to another account', async () => {
    const user = await createUser(context, 'customer');
    const other = await createUser(context, 'customer');
    const valid = (await rememberedDevice(context, user)).slice('ccr_device='.length);
    const forOther = (await rememberedDevice(context, other)).slice('ccr_device='.length);
    const last = valid.at(-1) === 'A' ? 'B' : 'A';
    const cases = [
      signDeviceToken(randomBytes(32), newToken()),
      `${valid.slice(0, -1)}${last}`,
      `${newToken()}.${valid.split('.')[1] ?? ''}`,
      valid.split('.')[0] ?? '',
      forOther,
    ];
    for (const cookie of cases) {
      const browser = apiBrowser(context);
      browser.cookies.set('ccr_device', cookie);
      expect((await signIn(browser, user)).statusCode).toBe(202);
    }
    const browser = apiBrowser(context);
    browser.cookies.set('ccr_device', valid);
    expect((await signIn(browser, user)).statusCode).toBe(200);
  });

  it('expires after 30 days', async () => {
    const user = await createUser(context, 'customer');
    const browser = apiBrowser(context);
    await verifyBrowser(browser, user);
    await signOut(browser);
    clockOffsetMs = 29 * 86_400_000;
    try {
      expect((await signIn(browser, user)).statusCode).toBe(200);
      await signOut(browser);
      // Using it does not extend it; only verifying again does.
      clockOffsetMs = 30 * 86_400_000 + 1_000;
      expect((await signIn(browser, user)).statusCode).toBe(202);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('is Secure over https behind a trusted proxy', async () => {
    const proxied = await createTestApp({
      config: { ...TEST_CONFIG, publicUrl: 'https://help.example.com', trustProxy: true },
    });
    try {
      const response = await call(
        proxied.app,
        'POST',
        '/api/v1/auth/register',
        {
          fullName: 'Secure Sam',
          email: uniqueEmail('secure'),
          password: TEST_PASSWORD,
          passwordConfirmation: TEST_PASSWORD,
        },
        { headers: { 'x-forwarded-proto': 'https', origin: 'https://help.example.com' } },
      );
      expect(response.statusCode).toBe(201);
      expect(response.cookies.find((c) => c.name === 'ccr_device')).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      });
    } finally {
      await proxied.close();
    }
  });
});

describe('browsers that proved the mailbox are remembered', () => {
  it('registering remembers the browser', async () => {
    const browser = apiBrowser(context);
    const email = uniqueEmail('newcomer');
    const registered = await browser.send('POST', '/api/v1/auth/register', {
      fullName: 'New Comer',
      email,
      password: TEST_PASSWORD,
      passwordConfirmation: TEST_PASSWORD,
    });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ totpSetupRequired: false });
    expect(browser.cookies.has('ccr_device')).toBe(true);
    await signOut(browser);
    expect((await signIn(browser, { email })).statusCode).toBe(200);
    expect((await signIn(apiBrowser(context), { email })).statusCode).toBe(202);
  });

  it('accepting an invitation remembers the browser', async () => {
    const admin = await signedIn(context, 'admin');
    const category = await createCategory(context);
    const email = uniqueEmail('invited');
    const created = await call(
      context.app,
      'POST',
      '/api/v1/admin/agents',
      { fullName: 'Invited Agent', email, categoryIds: [category.id], languages: ['en'] },
      { cookie: admin.cookie },
    );
    expect(created.statusCode).toBe(201);
    const token = new URL(created.json<CreatedAgent>().invitationUrl).hash.replace('#token=', '');

    const browser = apiBrowser(context);
    const accepted = await browser.send('POST', '/api/v1/auth/invitation', {
      token,
      password: TEST_PASSWORD,
      passwordConfirmation: TEST_PASSWORD,
    });
    expect(accepted.statusCode).toBe(200);
    expect(browser.cookies.has('ccr_device')).toBe(true);
    await signOut(browser);
    expect((await signIn(browser, { email })).statusCode).toBe(200);
  });

  it('resetting the password remembers this browser and forgets every other one', async () => {
    const user = await createUser(context, 'customer');
    const old = apiBrowser(context);
    await verifyBrowser(old, user);
    await signOut(old);

    const seen = receiver.received.length;
    const here = apiBrowser(context);
    expect((await here.send('POST', '/api/v1/auth/forgot-password', { email: user.email })).statusCode).toBe(
      202,
    );
    await waitFor(() => receiver.received.slice(seen).some((r) => r.rcptTo.includes(user.email)));
    const mail = receiver.received.slice(seen).find((r) => r.rcptTo.includes(user.email))?.mail;
    const token = /#token=([\w-]{43})/.exec(mail?.text ?? '')?.[1] ?? '';
    const reset = await here.send('POST', '/api/v1/auth/reset-password', {
      token,
      password: 'a brand new password',
      passwordConfirmation: 'a brand new password',
    });
    expect(reset.statusCode).toBe(200);
    expect(here.cookies.has('ccr_device')).toBe(true);
    expect((await devices(here)).items.map((d) => [d.current, d.userAgent])).toEqual([
      [true, here.userAgent],
    ]);

    await signOut(here);
    expect((await signIn(here, user, 'a brand new password')).statusCode).toBe(200);
    expect((await signIn(old, user, 'a brand new password')).statusCode).toBe(202);
  });
});
