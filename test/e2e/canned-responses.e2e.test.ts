import { describe, expect, it } from 'vitest';
import { newWatchedPage } from '../helpers/browser.js';
import {
  browserJourneys,
  contextOf,
  createAgent,
  createCustomer,
  createTicket,
  signInThroughPage,
} from '../helpers/e2e-data.js';

const e2e = browserJourneys('Deliveries');

describe('agent productivity in the browser', () => {
  it('inserts a canned response into a reply, and the customer reads it filled in', async () => {
    const customer = await createCustomer(contextOf(e2e.server), { fullName: 'Meera Iyer' });
    const agent = await createAgent(contextOf(e2e.server), {
      fullName: 'Kiran Bose',
      categories: [e2e.category],
    });
    const ticket = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      agent,
      status: 'in_progress',
      subject: 'Parcel not delivered',
    });

    const { page, errors } = await newWatchedPage(e2e.browser, e2e.server.url);
    await signInThroughPage(page, agent.email);
    await page.getByRole('link', { name: 'Canned responses' }).click();
    await page.waitForURL('**/agent/canned-responses');
    await page.getByRole('button', { name: 'New canned response' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Delivery update');
    await dialog
      .getByLabel('Text')
      .fill('Hello {{customer.firstName}}, your ticket {{ticket.reference}} is with our courier team.');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Delivery update', exact: true }).isVisible())
      .toBe(true);

    await page.goto(`/agent/tickets/${ticket.reference}`);
    const reply = page.getByRole('textbox', { name: 'Your reply' });
    await reply.waitFor();
    await page.getByRole('button', { name: 'Canned response' }).click();
    const search = page.getByRole('textbox', { name: 'Search canned responses' });
    await search.fill('delivery');
    await expect.poll(() => page.getByRole('option', { name: /Delivery update/ }).isVisible()).toBe(true);
    await search.press('ArrowDown');
    await search.press('Enter');
    const filled = `Hello Meera, your ticket ${ticket.reference} is with our courier team.`;
    await expect.poll(() => reply.inputValue()).toBe(filled);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => reply.inputValue()).toBe('');

    const asCustomer = await newWatchedPage(e2e.browser, e2e.server.url);
    await signInThroughPage(asCustomer.page, customer.email);
    await asCustomer.page.goto(`/customer/tickets/${ticket.reference}`);
    await expect.poll(() => asCustomer.page.getByText(filled).isVisible(), { timeout: 10_000 }).toBe(true);

    expect(errors).toEqual([]);
    expect(asCustomer.errors).toEqual([]);
  });

  it('saves a pinned filter that then shows in the navigation', async () => {
    const agent = await createAgent(contextOf(e2e.server), { categories: [e2e.category] });
    const { page, errors } = await newWatchedPage(e2e.browser, e2e.server.url);
    await signInThroughPage(page, agent.email);
    await page.goto('/agent?status=in_progress');
    await page.getByRole('button', { name: 'Save filter' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Busy ones');
    await dialog.getByRole('button', { name: 'Save' }).click();

    const navigation = page.getByRole('navigation');
    const pinned = navigation.getByRole('link', { name: 'Busy ones' });
    await expect.poll(() => pinned.isVisible()).toBe(true);
    await page.goto('/agent');
    await pinned.click();
    await page.waitForURL('**/agent?status=in_progress');
    expect(errors).toEqual([]);
  });
});
