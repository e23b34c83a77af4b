import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '../../src/shared/contracts/tickets.js';
import { call } from '../helpers/app.js';
import { launchBrowser, newWatchedPage, type TestBrowser } from '../helpers/browser.js';
import {
  cookieOf,
  contextOf,
  createCategory,
  createCustomer,
  signInThroughPage,
} from '../helpers/e2e-data.js';
import { E2E_ADMIN, startE2EServer, type E2EServer } from '../helpers/e2e-server.js';
import { raiseTicket } from '../helpers/factories.js';

let server: E2EServer;
let testBrowser: TestBrowser;
let browser: Browser;
let ticket: TicketDetail;
let customerCookie: string;

beforeAll(async () => {
  // Breaches are looked for every second, so the list changes soon after the due time.
  server = await startE2EServer({ slaCheckIntervalMs: 1_000 });
  testBrowser = await launchBrowser();
  browser = testBrowser.browser;
  const category = await createCategory(contextOf(server), { name: 'Deliveries' });
  const customer = await createCustomer(contextOf(server));
  customerCookie = await cookieOf(server, customer);
  // Raised first: the minute until its breach runs while the admin sets the target.
  ticket = await raiseTicket(contextOf(server), customerCookie, {
    categoryId: category.id,
    subject: 'Parcel stuck in customs',
  });
});
afterAll(async () => {
  await testBrowser?.close();
  await server?.close();
});

describe('service levels', () => {
  it('an admin sets a target, a ticket breaches and is highlighted', { timeout: 150_000 }, async () => {
    const { page, errors } = await newWatchedPage(browser, server.url, { width: 1280, height: 900 });
    await signInThroughPage(page, E2E_ADMIN.email, E2E_ADMIN.password);

    // Service levels, from the side navigation: 1 minute to the first response for urgent, 24/7.
    await page.getByRole('link', { name: 'Service levels' }).click();
    await page.waitForURL('**/admin/service-levels');
    await page.getByLabel('First response for Urgent: minutes').fill('1');
    await page.getByLabel('Clock for Urgent').selectOption('always');
    await page.getByRole('button', { name: 'Save service levels' }).click();
    await expect.poll(() => page.getByText('Service levels saved').isVisible()).toBe(true);

    // A holiday can be added and shows in the list.
    await page.getByLabel(/^Day/).fill('2026-12-25');
    await page.getByLabel(/^Name/).fill('Christmas');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await expect.poll(() => page.locator('[data-holiday="2026-12-25"]').isVisible()).toBe(true);

    // The ticket becomes urgent on its page; the due time shows how long is left or how late it is.
    await page.goto(`/admin/tickets/${ticket.reference}`);
    await page.getByLabel('Priority').selectOption('urgent');
    await expect.poll(() => page.getByText('Priority set to Urgent').isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/due in|overdue by/)
          .first()
          .isVisible(),
      )
      .toBe(true);

    // The customer sees neither the priority nor the due times.
    const asCustomer = await call(server.app, 'GET', `/api/v1/tickets/${ticket.reference}`, undefined, {
      cookie: customerCookie,
    });
    expect(asCustomer.body).not.toMatch(/priority|DueAt/);

    // The list follows live: once the minute is up the row is highlighted as breached, with a toast.
    await page.goto('/admin/tickets');
    const row = page.locator(`tr[data-ticket="${ticket.reference}"]`);
    await expect
      .poll(() => row.getAttribute('data-sla'), { timeout: 100_000, interval: 1_000 })
      .toBe('breached');
    await expect.poll(() => page.getByText(/missed its first-response target/).isVisible()).toBe(true);
    expect(await row.locator('[data-sla="breached"]').textContent()).toBe('Breached');

    // The SLA filter "Breached" shows it (and keeps it in the address).
    await page.getByRole('search', { name: 'Filters' }).getByLabel('Service level').selectOption('breached');
    await page.waitForURL(/sla=breached/);
    await expect.poll(() => row.isVisible()).toBe(true);
    await page.getByRole('search', { name: 'Filters' }).getByLabel('Service level').selectOption('at_risk');
    await expect.poll(() => row.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
