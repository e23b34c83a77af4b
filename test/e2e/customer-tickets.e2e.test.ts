import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryRow, UserRow } from '../../src/server/db/schema.js';
import { launchBrowser, newWatchedPage, type TestBrowser, type WatchedPage } from '../helpers/browser.js';
import {
  assignAsAdmin,
  contextOf,
  cookieOf,
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  signInThroughPage,
  ticketsSeenBy,
} from '../helpers/e2e-data.js';
import { startE2EServer, type E2EServer } from '../helpers/e2e-server.js';

let server: E2EServer;
let testBrowser: TestBrowser;
let browser: Browser;
let category: CategoryRow;

beforeAll(async () => {
  server = await startE2EServer();
  testBrowser = await launchBrowser();
  browser = testBrowser.browser;
  category = await createCategory(contextOf(server), { name: 'Delivery' });
});
afterAll(async () => {
  await testBrowser?.close();
  await server?.close();
});

/** A new customer signed in through the browser. */
async function customerPage(fullName = 'Kavya Menon'): Promise<WatchedPage & { customer: UserRow }> {
  const customer = await createCustomer(contextOf(server), { fullName });
  const watched = await newWatchedPage(browser, server.url);
  await signInThroughPage(watched.page, customer.email);
  await watched.page.waitForURL('**/customer');
  return { ...watched, customer };
}

describe('customers and their tickets in the browser', () => {
  it('refuses a query of only spaces with "Query cannot be empty!" and saves nothing', async () => {
    const { page, customer, errors } = await customerPage();
    await page.getByRole('link', { name: 'New ticket' }).first().click();
    await page.getByLabel('Subject').fill('Parcel missing');
    await page.getByLabel('Category').selectOption({ label: 'Delivery' });
    await page.getByLabel('Your query').fill('     ');
    await page.getByRole('button', { name: 'Create ticket' }).click();

    await expect.poll(() => page.getByText('Query cannot be empty!').isVisible()).toBe(true);
    // The message sits with the query field (its accessible description).
    const description = await page.getByLabel('Your query').getAttribute('aria-describedby');
    expect(description).toBeTruthy();
    expect(await page.getByText('Ticket created').count()).toBe(0);
    const seen = await ticketsSeenBy(server, await cookieOf(server, customer));
    expect(seen.items).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('creates a valid ticket, shows "Ticket created" with its reference, and stores it', async () => {
    const { page, customer, errors } = await customerPage();
    await page.goto('/customer/tickets/new');
    await page.getByLabel('Subject').fill('Wrong size delivered');
    await page.getByLabel('Category').selectOption({ label: 'Delivery' });
    await page.getByLabel('Your query').fill('I ordered a medium shirt and received a large one.');
    await page.getByLabel('Order reference').fill('ORD-1042');
    await page.getByRole('button', { name: 'Create ticket' }).click();

    await expect.poll(() => page.getByText('Ticket created').isVisible()).toBe(true);
    const seen = await ticketsSeenBy(server, await cookieOf(server, customer));
    expect(seen.items).toHaveLength(1);
    const stored = seen.items[0];
    expect(stored?.subject).toBe('Wrong size delivered');
    expect(await page.getByText(stored?.reference ?? 'missing').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('lists all of the customer’s tickets on "My tickets"', async () => {
    const customer = await createCustomer(contextOf(server), { fullName: 'Arjun Das' });
    const subjects = ['Refund not received', 'Broken screen', 'Late delivery'];
    const tickets = [];
    for (const subject of subjects) {
      tickets.push(await createTicket(contextOf(server), { customer, category, subject }));
    }
    // Someone else's ticket never shows.
    const other = await createCustomer(contextOf(server));
    const foreign = await createTicket(contextOf(server), {
      customer: other,
      category,
      subject: 'Not yours',
    });

    const { page, errors } = await newWatchedPage(browser, server.url);
    await signInThroughPage(page, customer.email);
    await page.getByRole('link', { name: 'My tickets' }).click();
    await page.waitForURL('**/customer/tickets');
    for (const ticket of tickets) {
      await expect.poll(() => page.getByRole('link', { name: ticket.reference }).isVisible()).toBe(true);
    }
    for (const subject of subjects) {
      await expect.poll(() => page.getByRole('cell', { name: subject }).isVisible()).toBe(true);
    }
    await expect.poll(() => page.getByRole('row').count()).toBe(subjects.length + 1);
    expect(await page.getByText(foreign.reference).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says "You are yet to raise a ticket" to a customer without tickets', async () => {
    const { page, errors } = await customerPage('Nila Bose');
    await page.goto('/customer/tickets');
    await expect.poll(() => page.getByText('You are yet to raise a ticket').isVisible()).toBe(true);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows a ticket’s query on its page', async () => {
    const customer = await createCustomer(contextOf(server));
    const description = 'The blender stopped working after two days.\nIt makes a burning smell.';
    const ticket = await createTicket(contextOf(server), {
      customer,
      category,
      subject: 'Blender broken',
      description,
    });
    const { page, errors } = await newWatchedPage(browser, server.url);
    await signInThroughPage(page, customer.email);
    await page.goto('/customer/tickets');
    await page.getByRole('link', { name: ticket.reference }).click();
    await page.waitForURL(`**/customer/tickets/${ticket.reference}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Blender broken' }).isVisible())
      .toBe(true);
    expect(await page.getByTestId('ticket-description').innerText()).toBe(description);
    expect(errors).toEqual([]);
  });

  it('shows "N/A" before an agent is assigned and the agent’s first name after', async () => {
    const customer = await createCustomer(contextOf(server));
    const agent = await createAgent(contextOf(server), {
      fullName: 'Meera Krishnan',
      categories: [category],
    });
    const ticket = await createTicket(contextOf(server), {
      customer,
      category,
      subject: 'Where is my order',
    });
    const { page, errors } = await newWatchedPage(browser, server.url);
    await signInThroughPage(page, customer.email);
    await page.goto('/customer/tickets');
    const row = page.getByRole('row').filter({ hasText: ticket.reference });
    await expect.poll(() => row.locator('[data-column="agent"]').innerText()).toBe('N/A');

    await assignAsAdmin(server, { id: ticket.id, version: ticket.version }, agent.id);
    await page.reload();
    await expect.poll(() => row.locator('[data-column="agent"]').innerText()).toBe('Meera');
    expect(await row.getByText('Krishnan').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
