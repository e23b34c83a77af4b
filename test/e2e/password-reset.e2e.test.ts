import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newWatchedPage, type TestBrowser } from '../helpers/browser.js';
import { E2E_ADMIN, startE2EServer, type E2EServer } from '../helpers/e2e-server.js';
import { createSmtpReceiver, waitFor, type SmtpReceiver, deliverTo } from '../helpers/smtp-receiver.js';

/**
 * Forgot password end to end: the browser asks for a link, the app's worker sends it through real
 * SMTP to a receiver in this test, and the browser follows the link from the email.
 */
let receiver: SmtpReceiver;
let server: E2EServer;
let testBrowser: TestBrowser;
let browser: Browser;

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  server = await startE2EServer({
    mail: deliverTo(receiver),
  });
  testBrowser = await launchBrowser();
  browser = testBrowser.browser;
});
afterAll(async () => {
  await testBrowser?.close();
  await server?.close();
  await receiver?.stop();
});

const NEW_PASSWORD = 'a brand new password 1';

describe('resetting a forgotten password in the browser', () => {
  it('emails a link that sets a new password and signs in; the old password stops working', async () => {
    const { page, context, errors } = await newWatchedPage(browser, server.url);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(
        'If an account exists for that email, we have sent a link to reset the password. It works for 30 minutes.',
      );

    await waitFor(() => receiver.received.some((r) => r.rcptTo.includes(E2E_ADMIN.email)));
    const email = receiver.received.find((r) => r.rcptTo.includes(E2E_ADMIN.email));
    const link = /https?:\/\/[^\s<>"]+\/reset-password#token=[^\s<>"]+/.exec(email?.mail.text ?? '')?.[0];
    expect(link).toBeTruthy();
    // The link's host is PUBLIC_URL; the path and fragment are what this server needs.
    const url = new URL(link ?? '');
    await page.goto(`${url.pathname}${url.hash}`);

    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL('**/admin');
    await page.getByRole('heading', { name: 'Admin dashboard' }).waitFor();

    // The same link does not work twice.
    const second = await context.newPage();
    await second.goto(`${server.url}${url.pathname}${url.hash}`);
    await second.getByLabel('Password', { exact: true }).fill('another password 12');
    await second.getByLabel('Confirm password').fill('another password 12');
    await second.getByRole('button', { name: 'Set new password' }).click();
    await expect
      .poll(() => second.getByRole('alert').first().textContent())
      .toContain('This link is invalid, used or expired');
    await second.close();

    await page.getByRole('button', { name: E2E_ADMIN.fullName }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');

    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('Email or password is incorrect');

    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin');

    // The email is in the Mail log, but its body (a link that signs in as its recipient) is not.
    await page.getByRole('link', { name: 'Mail log' }).click();
    await page.waitForURL('**/admin/mail');
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    await page
      .getByRole('button', { name: email?.mail.subject ?? '' })
      .first()
      .click();
    const frame = page.locator('iframe[sandbox=""]');
    await frame.waitFor();
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain('Hidden: this email holds a secret link');
    expect(srcdoc).not.toContain(link?.split('#token=')[1] ?? 'no token found');

    // The frame is allowed (srcdoc is not a fetch) but inherits the page's CSP: inline styles of an
    // email shown there are refused, and that is all the console may report.
    const afterOpening = errors.filter((error) => !/status of 400/.test(error));
    expect(afterOpening.every((error) => error.startsWith('Applying inline style violates'))).toBe(true);
    await context.close();
  });
});
