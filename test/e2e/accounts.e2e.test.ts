import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newWatchedPage, type TestBrowser, type WatchedPage } from '../helpers/browser.js';
import { E2E_ADMIN, startE2EServer, type E2EServer } from '../helpers/e2e-server.js';
import { uniqueEmail } from '../helpers/app.js';
import { contextOf, createCategory, rememberThisBrowser, ticketsSeenBy } from '../helpers/e2e-data.js';
import { createSmtpReceiver, deliverTo, waitFor, type SmtpReceiver } from '../helpers/smtp-receiver.js';

let receiver: SmtpReceiver;
let server: E2EServer;
let testBrowser: TestBrowser;
let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  server = await startE2EServer({ mail: deliverTo(receiver) });
  await createCategory(contextOf(server), { name: 'Delivery' });
  testBrowser = await launchBrowser();
  browser = testBrowser.browser;
});
afterAll(async () => {
  await testBrowser?.close();
  await server?.close();
  await receiver?.stop();
});

/** The path and fragment of the confirmation link emailed to `email` (its host is PUBLIC_URL). */
async function confirmationLink(email: string): Promise<string> {
  await waitFor(() => receiver.received.some((r) => r.rcptTo.includes(email)));
  const mail = receiver.received.find((r) => r.rcptTo.includes(email));
  const link = /https?:\/\/[^\s<>"]+\/confirm-email#token=[^\s<>"]+/.exec(mail?.mail.text ?? '')?.[0];
  if (!link) throw new Error(`no confirmation link in the email to ${email}`);
  const url = new URL(link);
  return `${url.pathname}${url.hash}`;
}

async function open(viewport?: { width: number; height: number }): Promise<WatchedPage> {
  const watched = await newWatchedPage(browser, server.url, viewport);
  opened.push(watched);
  return watched;
}

async function register(page: Page, fields: { fullName: string; email: string; password: string }) {
  await page.goto('/register');
  await page.getByLabel('Full name').fill(fields.fullName);
  await page.getByLabel('Email').fill(fields.email);
  await page.getByLabel('Password', { exact: true }).fill(fields.password);
  await page.getByLabel('Confirm password').fill(fields.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  // A browser the account verified before: no sign-in code is asked for.
  await rememberThisBrowser(page, email);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page, fullName: string) {
  await page.getByRole('button', { name: fullName }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
}

describe('customer accounts in the browser', () => {
  it('registers, confirms the address from the email, raises a ticket, signs out and back in', async () => {
    const { page, context, errors } = await open();
    const email = uniqueEmail('priya');
    await register(page, { fullName: 'Priya Natarajan', email, password: 'priya password 1' });

    await page.waitForURL('**/customer');
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome, Priya' }).isVisible()).toBe(true);
    expect(await page.getByText(email).first().isVisible()).toBe(true);

    // Until the address is confirmed: a banner everywhere, and the new ticket form is off.
    const banner = page.getByRole('region', { name: 'Email address confirmation' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`Confirm your email address — we sent a link to ${email}`);
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.waitForURL('**/customer/tickets/new');
    expect(await page.getByRole('button', { name: 'Create ticket' }).isDisabled()).toBe(true);

    // The link from the email, opened in another tab of the same signed-in browser.
    const link = await confirmationLink(email);
    const tab = await context.newPage();
    await tab.goto(link);
    await expect
      .poll(() => tab.getByText('Your email address is confirmed. You can now raise tickets.').isVisible())
      .toBe(true);
    await tab.getByRole('link', { name: 'Go to my tickets' }).click();
    await tab.waitForURL('**/customer/tickets');
    expect(await tab.getByRole('region', { name: 'Email address confirmation' }).count()).toBe(0);
    await tab.close();

    await page.reload();
    await page.getByLabel('Subject').fill('Parcel missing');
    await page.getByLabel('Category').selectOption({ label: 'Delivery' });
    await page.getByLabel('Your query').fill('The parcel never arrived.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await expect.poll(() => page.getByText('Ticket created').isVisible()).toBe(true);
    expect(await banner.count()).toBe(0);
    const cookie = (await context.cookies()).find((c) => c.name === 'ccr_session');
    const seen = await ticketsSeenBy(server, `ccr_session=${cookie?.value ?? ''}`);
    expect(seen.items.map((ticket) => ticket.subject)).toEqual(['Parcel missing']);

    await signOut(page, 'Priya Natarajan');
    // Signed out for real: the dashboard now sends the visitor to sign in.
    await page.goto('/customer');
    await page.waitForURL('**/sign-in');

    await signIn(page, email, 'priya password 1');
    await page.waitForURL('**/customer');
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome, Priya' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows field errors next to the fields and creates nothing', async () => {
    const { page } = await open();
    await page.goto('/register');
    await page.getByLabel('Full name').fill('Short Password');
    await page.getByLabel('Email').fill(uniqueEmail('short'));
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('different');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByText(/at least 10 characters/).isVisible()).toBe(true);
    expect(await page.getByText(/do not match/i).isVisible()).toBe(true);
    expect(page.url()).toContain('/register');
  });

  it('says "Email or password is incorrect" for a wrong password', async () => {
    const { page } = await open();
    await signIn(page, E2E_ADMIN.email, 'not the password');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).isVisible())
      .toBe(true);
    expect(page.url()).toContain('/sign-in');
  });

  it('refuses the admin pages to a customer who types their address', async () => {
    const { page, errors } = await open();
    await register(page, {
      fullName: 'Curious Customer',
      email: uniqueEmail('curious'),
      password: 'curious password',
    });
    await page.waitForURL('**/customer');

    const adminCalls: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/admin/')) adminCalls.push(response.status());
    });
    await page.goto('/admin');
    await expect
      .poll(() => page.getByRole('heading', { name: 'You do not have access to this page' }).isVisible())
      .toBe(true);
    expect(await page.getByRole('heading', { name: 'Admin dashboard' }).count()).toBe(0);
    // Whatever the page asked for, the server refused it.
    expect(adminCalls.every((status) => status === 403)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('works on a 360 px phone screen', async () => {
    const { page, errors } = await open({ width: 360, height: 740 });
    await register(page, {
      fullName: 'Mobile Mani',
      email: uniqueEmail('mobile'),
      password: 'mobile password',
    });
    await page.waitForURL('**/customer');
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome, Mobile' }).isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});

describe('admins in the browser', () => {
  it('signs in to the admin dashboard and sees the accounts', async () => {
    const { page, errors } = await open();
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.waitForURL('**/admin');
    await expect.poll(() => page.getByRole('heading', { name: 'Admin dashboard' }).isVisible()).toBe(true);

    await page.goto('/admin/accounts');
    await expect.poll(() => page.getByRole('cell', { name: E2E_ADMIN.email }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
