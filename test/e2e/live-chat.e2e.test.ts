import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TicketRow, UserRow } from '../../src/server/db/schema.js';
import { call } from '../helpers/app.js';
import { newWatchedPage, type WatchedPage } from '../helpers/browser.js';
import {
  browserJourneys,
  contextOf,
  cookieOf,
  createAgent,
  createCustomer,
  createTicket,
  signInThroughPage,
  ticketAs,
} from '../helpers/e2e-data.js';
import { SAMPLE_FILES } from '../helpers/multipart.js';

const e2e = browserJourneys('Appliances');

interface Chat {
  customer: UserRow;
  agent: UserRow;
  ticket: TicketRow;
}

async function newChat(subject: string): Promise<Chat> {
  const customer = await createCustomer(contextOf(e2e.server), { fullName: 'Priya Sharma' });
  const agent = await createAgent(contextOf(e2e.server), {
    fullName: 'Arjun Mehta',
    categories: [e2e.category],
  });
  const ticket = await createTicket(contextOf(e2e.server), {
    customer,
    category: e2e.category,
    agent,
    subject,
  });
  return { customer, agent, ticket };
}

/** A signed-in page on the ticket, with a marker a full reload would wipe out. */
async function openTicket(user: UserRow, path: string): Promise<WatchedPage> {
  const watched = await newWatchedPage(e2e.browser, e2e.server.url);
  await signInThroughPage(watched.page, user.email);
  await watched.page.goto(path);
  await expect.poll(() => watched.page.getByLabel('Your reply').isVisible()).toBe(true);
  await watched.page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  return watched;
}

const notReloaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

const thread = (page: Page) => page.getByTestId('thread');

async function send(page: Page, text: string) {
  const box = page.getByLabel('Your reply');
  await box.fill(text);
  await box.press('Enter');
}

describe('the live conversation in two browsers', () => {
  it('delivers messages both ways at once, with typing, presence and an image', async () => {
    const { customer, agent, ticket } = await newChat('Kettle leaks');
    const customerPage = await openTicket(customer, `/customer/tickets/${ticket.reference}`);
    const agentPage = await openTicket(agent, `/agent/tickets/${ticket.reference}`);
    const { page: asCustomer } = customerPage;
    const { page: asAgent } = agentPage;

    await expect.poll(() => asCustomer.getByText('Arjun is online').isVisible()).toBe(true);

    await send(asCustomer, 'Hello, the kettle leaks from the bottom.');
    const arrived = thread(asAgent).getByRole('article', { name: 'Priya Sharma' });
    await expect
      .poll(() => arrived.getByText('Hello, the kettle leaks from the bottom.').isVisible())
      .toBe(true);
    await expect
      .poll(() => thread(asCustomer).locator('[data-delivery="sent"]').getByText('the kettle leaks').count())
      .toBe(1);

    await asAgent.getByLabel('Your reply').pressSequentially('Sorry to hear', { delay: 30 });
    await expect.poll(() => asCustomer.getByText('Arjun is typing…').isVisible()).toBe(true);
    await asAgent
      .getByLabel('Your reply')
      .fill('Sorry to hear that. Please send a photo: https://shop.example/help');
    await asAgent.getByLabel('Your reply').press('Enter');
    const reply = thread(asCustomer).getByRole('article', { name: 'Arjun', exact: true });
    await expect.poll(() => reply.getByText(/Sorry to hear that/).isVisible()).toBe(true);
    expect(await reply.getByRole('link', { name: 'https://shop.example/help' }).getAttribute('rel')).toBe(
      'noopener noreferrer',
    );
    await expect.poll(() => asCustomer.getByText('Arjun is typing…').count()).toBe(0);

    await asCustomer
      .getByTestId('attachment-input')
      .setInputFiles({ name: 'kettle.png', mimeType: 'image/png', buffer: SAMPLE_FILES.png });
    await expect.poll(() => asCustomer.getByText('kettle.png').isVisible()).toBe(true);
    await expect.poll(() => asCustomer.locator('[data-uploading]').count()).toBe(0);
    await send(asCustomer, 'Here it is.');

    const image = thread(asAgent).getByRole('img', { name: 'kettle.png' });
    await expect.poll(() => image.isVisible()).toBe(true);
    await expect
      .poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);

    // Each message once, in order, on both sides, and neither page reloaded.
    for (const page of [asCustomer, asAgent]) {
      const bodies = await thread(page).locator('article').allInnerTexts();
      const order = ['the kettle leaks', 'Sorry to hear that', 'Here it is.'].map((text) =>
        bodies.findIndex((body) => body.includes(text)),
      );
      expect(order).toEqual([0, 1, 2]);
      expect(bodies).toHaveLength(3);
      expect(await notReloaded(page)).toBe(true);
    }
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });

  it('reconnects by itself after the server restarts and shows what was sent meanwhile', async () => {
    const { customer, agent, ticket } = await newChat('Missing parcel');
    const agentCookie = await cookieOf(e2e.server, agent);
    const { page, errors, settled } = await openTicket(customer, `/customer/tickets/${ticket.reference}`);
    await send(page, 'Where is my parcel?');
    await expect.poll(() => thread(page).locator('[data-delivery="sent"]').count()).toBe(1);
    // Sending refetches the ticket; stopping the server under that request would fail it.
    await settled();

    await e2e.server.restart(async (app) => {
      // Written while no server listens: the page can only learn of it by resuming.
      const response = await call(
        app,
        'POST',
        `/api/v1/tickets/${ticket.reference}/messages`,
        { body: 'It left the warehouse today.' },
        { cookie: agentCookie },
      );
      expect(response.statusCode).toBe(201);
    });
    const afterRestart = await call(
      e2e.server.app,
      'POST',
      `/api/v1/tickets/${ticket.reference}/messages`,
      { body: 'It arrives tomorrow.' },
      { cookie: agentCookie },
    );
    expect(afterRestart.statusCode).toBe(201);

    // The page retries with backoff while the server is away: allow for a few attempts.
    const reconnect = { timeout: 15_000 };
    await expect
      .poll(() => thread(page).getByText('It left the warehouse today.').isVisible(), reconnect)
      .toBe(true);
    await expect.poll(() => thread(page).getByText('It arrives tomorrow.').isVisible(), reconnect).toBe(true);
    await expect.poll(() => page.getByTestId('live-status').count(), reconnect).toBe(0);
    expect(await thread(page).locator('article').count()).toBe(3);
    expect(await notReloaded(page)).toBe(true);
    // The dropped connection logs a WebSocket error in the console; nothing else may.
    expect(errors.filter((error) => !/WebSocket/.test(error))).toEqual([]);
  });

  it('closes the conversation when the agent resolves the ticket, and the customer rates the help', async () => {
    const { customer, agent, ticket } = await newChat('Wrong colour');
    const customerPage = await openTicket(customer, `/customer/tickets/${ticket.reference}`);
    const agentPage = await openTicket(agent, `/agent/tickets/${ticket.reference}`);
    const { page: asCustomer } = customerPage;
    const { page: asAgent } = agentPage;

    await asAgent.getByRole('button', { name: 'Start working' }).click();
    await expect.poll(() => asAgent.getByRole('button', { name: 'Resolve' }).isVisible()).toBe(true);
    await asAgent.getByRole('button', { name: 'Resolve' }).click();

    await expect
      .poll(() =>
        asCustomer
          .getByText(
            'This conversation is closed because the ticket was resolved. Reopen the ticket to continue.',
          )
          .isVisible(),
      )
      .toBe(true);
    expect(await asCustomer.getByLabel('Your reply').count()).toBe(0);

    const fourStars = asCustomer.getByRole('radio', { name: '4 stars' });
    await expect.poll(() => fourStars.count()).toBe(1);
    await asCustomer.locator(`label[for="${await fourStars.getAttribute('id')}"]`).click();
    await asCustomer.getByLabel('Comment (optional)').fill('Quick and friendly');
    await asCustomer.getByRole('button', { name: 'Send rating' }).click();
    await expect.poll(() => asCustomer.getByText('Thanks for your feedback').isVisible()).toBe(true);
    expect(await asCustomer.getByRole('button', { name: 'Send rating' }).count()).toBe(0);

    await expect.poll(() => asAgent.getByText('Quick and friendly').isVisible()).toBe(true);
    expect(await asAgent.getByText('4 stars').isVisible()).toBe(true);
    const stored = await ticketAs(e2e.server, await cookieOf(e2e.server, agent), ticket.reference);
    expect(stored.rating).toMatchObject({ stars: 4, comment: 'Quick and friendly' });
    expect(await notReloaded(asCustomer)).toBe(true);
    expect(await notReloaded(asAgent)).toBe(true);
    expect(customerPage.errors).toEqual([]);
    expect(agentPage.errors).toEqual([]);
  });
});
