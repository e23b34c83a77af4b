import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newWatchedPage, type TestBrowser } from '../helpers/browser.js';
import {
  contextOf,
  createAgent,
  createCustomer,
  signInThroughPage,
  TEST_PASSWORD,
} from '../helpers/e2e-data.js';
import { startE2EServer, type E2EServer } from '../helpers/e2e-server.js';
import { createSmtpReceiver, deliverTo, type SmtpReceiver } from '../helpers/smtp-receiver.js';
import { signInCodeFor } from '../helpers/two-step.js';

/**
 * Two-step verification in the browser: the code emailed to a new browser (over real SMTP), the
 * browser remembered afterwards, and an agent setting up an authenticator app.
 */
let receiver: SmtpReceiver;
let server: E2EServer;
let testBrowser: TestBrowser;
let browser: Browser;

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  server = await startE2EServer({ mail: deliverTo(receiver) });
  testBrowser = await launchBrowser();
  browser = testBrowser.browser;
});
afterAll(async () => {
  await testBrowser?.close();
  await server?.close();
  await receiver?.stop();
});

async function submitPassword(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page, fullName: string) {
  await page.getByRole('button', { name: fullName }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
}

const totpCode = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

describe('two-step verification in the browser', () => {
  it('asks a new browser for the emailed code, then remembers the browser', async () => {
    const customer = await createCustomer(contextOf(server), { fullName: 'Kavya Menon' });
    const { page, context, errors } = await newWatchedPage(browser, server.url);
    const emailsBefore = receiver.received.length;

    await submitPassword(page, customer.email);
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(
      await page.getByText('We sent a 6-digit code to your email; it expires in 10 minutes.').isVisible(),
    ).toBe(true);
    const code = await signInCodeFor(receiver, customer.email, emailsBefore);
    const input = page.getByLabel('Code from the email');
    expect(await input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    expect(await page.getByLabel('Remember this browser for 30 days').isChecked()).toBe(true);

    await input.fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('The code is incorrect (4 attempts left)').waitFor();

    await input.fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL('**/customer');
    await page.getByRole('heading', { name: 'Welcome, Kavya' }).waitFor();

    // Signing in again from this browser asks for no code.
    await signOut(page, customer.fullName);
    const emailsAfter = receiver.received.length;
    await submitPassword(page, customer.email);
    await page.waitForURL('**/customer');
    await page.getByRole('heading', { name: 'Welcome, Kavya' }).waitFor();
    expect(receiver.received.length).toBe(emailsAfter);

    // The remembered browser is listed as this one.
    await page.getByRole('button', { name: customer.fullName }).click();
    await page.getByRole('menuitem', { name: 'Remembered browsers' }).click();
    await page.waitForURL('**/account/devices');
    await page.getByText('This browser').waitFor();
    // The wrong code's 400 is an expected answer, not a page error.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    await context.close();
  });

  it('lets an agent set up an authenticator app, which a new browser then asks for', async () => {
    const agent = await createAgent(contextOf(server), { fullName: 'Arjun Nair' });
    const first = await newWatchedPage(browser, server.url);
    await signInThroughPage(first.page, agent.email);
    await first.page.waitForURL('**/agent');

    await first.page.getByRole('button', { name: agent.fullName }).click();
    await first.page.getByRole('menuitem', { name: 'Authenticator app' }).click();
    await first.page.waitForURL('**/account/authenticator');
    await first.page.getByRole('button', { name: 'Set up authenticator app' }).click();

    const qrCode = first.page.getByRole('img', { name: 'QR code for your authenticator app' });
    await qrCode.waitFor();
    // The CSP allows the data: image: it loads and has a size.
    await expect
      .poll(() => qrCode.evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    const secret = await first.page.getByLabel('Or enter this key by hand').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    await first.page.getByLabel('Code from the app').fill(await totpCode(secret));
    await first.page.getByRole('button', { name: 'Turn on' }).click();
    await first.page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const codes = await first.page
      .getByRole('list', { name: 'Recovery codes' })
      .getByRole('listitem')
      .allTextContents();
    expect(codes).toHaveLength(10);
    expect(codes.every((code) => /^[a-z2-9]{4}-[a-z2-9]{4}$/.test(code))).toBe(true);
    const done = first.page.getByRole('button', { name: 'Done' });
    expect(await done.isDisabled()).toBe(true);
    await first.page.getByLabel('I saved my recovery codes').check();
    await done.click();
    await first.page.getByText('New browsers ask for a code from your authenticator app').waitFor();
    expect(first.errors).toEqual([]);
    await signOut(first.page, agent.fullName);
    await first.context.close();

    // A fresh browser: the password, then the authenticator's code (the next 30-second step: the
    // one used to turn it on is never accepted twice).
    const second = await newWatchedPage(browser, server.url);
    const emailsBefore = receiver.received.length;
    await submitPassword(second.page, agent.email);
    await second.page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    expect(
      await second.page
        .getByText('Enter the code from your authenticator app, or a recovery code.')
        .isVisible(),
    ).toBe(true);
    expect(await second.page.getByRole('button', { name: 'Send a new code' }).count()).toBe(0);
    await second.page.getByLabel('Authenticator or recovery code').fill(await totpCode(secret, 30));
    await second.page.getByRole('button', { name: 'Verify' }).click();
    await second.page.waitForURL('**/agent');
    expect(receiver.received.length).toBe(emailsBefore);
    expect(second.errors).toEqual([]);
    await second.context.close();
  });
});
