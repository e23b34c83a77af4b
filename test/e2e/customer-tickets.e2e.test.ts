import { describe, expect, it } from 'vitest';
import type { UserRow } from '../../src/server/db/schema.js';
import { newWatchedPage, type WatchedPage } from '../helpers/browser.js';
import {
  assignAsAdmin,
  browserJourneys,
  contextOf,
  cookieOf,
  createAgent,
  createCustomer,
  createTicket,
  signInThroughPage,
  ticketsSeenBy,
} from '../helpers/e2e-data.js';

const e2e = browserJourneys('Delivery');

/** A new customer signed in through the browser. */
async function customerPage(fullName = 'Kavya Menon'): Promise<WatchedPage & { customer: UserRow }> {
  const customer = await createCustomer(contextOf(e2e.server), { fullName });
  const watched = await newWatchedPage(e2e.browser, e2e.server.url);
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
    const seen = await ticketsSeenBy(e2e.server, await cookieOf(e2e.server, customer));
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
    const seen = await ticketsSeenBy(e2e.server, await cookieOf(e2e.server, customer));
    expect(seen.items).toHaveLength(1);
    const stored = seen.items[0];
    expect(stored?.subject).toBe('Wrong size delivered');
    expect(await page.getByText(stored?.reference ?? 'missing').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('lists all of the customer’s tickets on "My tickets"', async () => {
    const customer = await createCustomer(contextOf(e2e.server), { fullName: 'Arjun Das' });
    const subjects = ['Refund not received', 'Broken screen', 'Late delivery'];
    const tickets = [];
    for (const subject of subjects) {
      tickets.push(await createTicket(contextOf(e2e.server), { customer, category: e2e.category, subject }));
    }
    // Someone else's ticket never shows.
    const other = await createCustomer(contextOf(e2e.server));
    const foreign = await createTicket(contextOf(e2e.server), {
      customer: other,
      category: e2e.category,
      subject: 'Not yours',
    });

    const { page, errors } = await newWatchedPage(e2e.browser, e2e.server.url);
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
    const customer = await createCustomer(contextOf(e2e.server));
    const description = 'The blender stopped working after two days.\nIt makes a burning smell.';
    const ticket = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      subject: 'Blender broken',
      description,
    });
    const { page, errors } = await newWatchedPage(e2e.browser, e2e.server.url);
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
    const customer = await createCustomer(contextOf(e2e.server));
    const agent = await createAgent(contextOf(e2e.server), {
      fullName: 'Meera Krishnan',
      categories: [e2e.category],
    });
    const ticket = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      subject: 'Where is my order',
    });
    const { page, errors } = await newWatchedPage(e2e.browser, e2e.server.url);
    await signInThroughPage(page, customer.email);
    await page.goto('/customer/tickets');
    const row = page.getByRole('row').filter({ hasText: ticket.reference });
    await expect.poll(() => row.locator('[data-column="agent"]').innerText()).toBe('N/A');

    await assignAsAdmin(e2e.server, { id: ticket.id, version: ticket.version }, agent.id);
    await page.reload();
    await expect.poll(() => row.locator('[data-column="agent"]').innerText()).toBe('Meera');
    expect(await row.getByText('Krishnan').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
