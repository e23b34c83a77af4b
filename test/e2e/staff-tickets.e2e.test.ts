import { describe, expect, it } from 'vitest';
import { newWatchedPage } from '../helpers/browser.js';
import {
  adminCookie,
  assignAsAdmin,
  browserJourneys,
  contextOf,
  cookieOf,
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  requestToJoin,
  signInThroughPage,
  ticketAs,
  ticketsSeenBy,
} from '../helpers/e2e-data.js';
import { E2E_ADMIN } from '../helpers/e2e-server.js';

const e2e = browserJourneys('Returns');

async function adminPage() {
  const watched = await newWatchedPage(e2e.browser, e2e.server.url);
  await signInThroughPage(watched.page, E2E_ADMIN.email, E2E_ADMIN.password);
  await watched.page.waitForURL('**/admin');
  return watched;
}

describe('admins assigning tickets in the browser', () => {
  it('lists the unassigned tickets, then says "There is nothing left to assign"', async () => {
    const customer = await createCustomer(contextOf(e2e.server));
    const agent = await createAgent(contextOf(e2e.server), {
      fullName: 'Deepa Raman',
      categories: [e2e.category],
    });
    const waiting = [
      await createTicket(contextOf(e2e.server), {
        customer,
        category: e2e.category,
        subject: 'Return a kettle',
      }),
      await createTicket(contextOf(e2e.server), {
        customer,
        category: e2e.category,
        subject: 'Return a lamp',
      }),
    ];
    const taken = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      agent,
      subject: 'Already taken',
    });

    const { page, errors } = await adminPage();
    await page.getByRole('link', { name: 'Unassigned' }).click();
    await page.waitForURL('**/admin/unassigned');
    for (const ticket of waiting) {
      await expect.poll(() => page.getByRole('link', { name: ticket.reference }).isVisible()).toBe(true);
    }
    expect(await page.getByText(taken.reference).count()).toBe(0);

    // Assign everything still waiting behind the page's back, then look again.
    const unassigned = await ticketsSeenBy(
      e2e.server,
      await adminCookie(e2e.server),
      '?unassigned=true&limit=100',
    );
    for (const ticket of unassigned.items) await assignAsAdmin(e2e.server, ticket, agent.id);
    await page.reload();
    await expect.poll(() => page.getByText('There is nothing left to assign').isVisible()).toBe(true);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('assigns an agent after confirming in a dialog, and the list updates without a reload', async () => {
    const customer = await createCustomer(contextOf(e2e.server));
    const agent = await createAgent(contextOf(e2e.server), {
      fullName: 'Farhan Ali',
      categories: [e2e.category],
    });
    const ticket = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      subject: 'Return my shoes',
    });

    const { page, errors } = await adminPage();
    await page.goto('/admin/unassigned');
    const select = page.getByLabel(`Agent for ${ticket.reference}`);
    await expect.poll(() => select.isVisible()).toBe(true);
    await expect.poll(() => select.locator('option', { hasText: 'Farhan Ali' }).count()).toBe(1);
    // A marker that a full page load would wipe out.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await select.selectOption({ label: 'Farhan Ali' });
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.getByText('Do you really want to assign the agent for this ticket?').isVisible())
      .toBe(true);
    await dialog.getByRole('button', { name: 'OK' }).click();

    await expect.poll(() => page.getByRole('link', { name: ticket.reference }).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    const stored = await ticketAs(e2e.server, await adminCookie(e2e.server), ticket.reference);
    expect(stored.agent).toEqual({ id: agent.id, firstName: 'Farhan' });
    expect(stored.status).toBe('assigned');
    expect(errors).toEqual([]);
  });

  it('shows pending agent requests and accepts one', async () => {
    const request = await requestToJoin(e2e.server, {
      fullName: 'Ravi Shankar',
      categoryIds: [e2e.category.id],
    });
    const { page, errors } = await adminPage();
    await page.getByRole('link', { name: 'Requests' }).click();
    await page.waitForURL('**/admin/requests');
    const row = page.getByRole('row').filter({ hasText: request.email });
    await expect.poll(() => row.isVisible()).toBe(true);
    await expect.poll(() => row.getByRole('cell', { name: 'Returns' }).isVisible()).toBe(true);

    await row.getByRole('button', { name: 'Accept Ravi Shankar' }).click();
    await expect.poll(() => row.count()).toBe(0);

    // The accepted agent can now sign in.
    const agentPage = await newWatchedPage(e2e.browser, e2e.server.url);
    await signInThroughPage(agentPage.page, request.email);
    await agentPage.page.waitForURL('**/agent');
    await expect
      .poll(() => agentPage.page.getByRole('heading', { level: 1, name: 'Welcome, Ravi' }).isVisible())
      .toBe(true);
    expect(errors).toEqual([]);
  });
});

describe('agents working tickets in the browser', () => {
  it('sees only their own tickets, replies to one and resolves it', async () => {
    const customer = await createCustomer(contextOf(e2e.server), { fullName: 'Lakshmi Iyer' });
    const agent = await createAgent(contextOf(e2e.server), {
      fullName: 'Gopal Nair',
      categories: [e2e.category],
    });
    const colleague = await createAgent(contextOf(e2e.server), {
      fullName: 'Hema Joshi',
      categories: [e2e.category],
    });
    const mine = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      agent,
      subject: 'Exchange a jacket',
    });
    const alsoMine = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      agent,
      subject: 'Torn bag',
    });
    const theirs = await createTicket(contextOf(e2e.server), {
      customer,
      category: e2e.category,
      agent: colleague,
      subject: 'Not for Gopal',
    });

    const { page, errors } = await newWatchedPage(e2e.browser, e2e.server.url);
    await signInThroughPage(page, agent.email);
    await page.waitForURL('**/agent');
    await expect.poll(() => page.getByRole('link', { name: mine.reference }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: alsoMine.reference }).isVisible()).toBe(true);
    expect(await page.getByText(theirs.reference).count()).toBe(0);
    expect(await page.getByText('Not for Gopal').count()).toBe(0);

    await page.getByRole('link', { name: mine.reference }).click();
    await page.waitForURL(`**/agent/tickets/${mine.reference}`);
    await page.getByLabel('Your reply').fill('We have booked a pickup for tomorrow.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.getByText('We have booked a pickup for tomorrow.').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Start working' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Resolve' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect
      .poll(async () => (await ticketAs(e2e.server, await adminCookie(e2e.server), mine.reference)).status)
      .toBe('resolved');
    await expect.poll(() => page.getByRole('button', { name: 'Close' }).isVisible()).toBe(true);

    // The customer sees the reply and the new status.
    const seen = await ticketAs(e2e.server, await cookieOf(e2e.server, customer), mine.reference);
    expect(seen.status).toBe('resolved');
    expect(errors).toEqual([]);
  });

  it('routes a new ticket automatically to the least-loaded matching agent', async () => {
    const ctx = contextOf(e2e.server);
    const routed = await createCategory(ctx, { name: 'Warranty', autoAssign: true });
    const busy = await createAgent(ctx, { fullName: 'Ishaan Busy', categories: [routed] });
    const free = await createAgent(ctx, { fullName: 'Janaki Free', categories: [routed] });
    const other = await createCustomer(ctx);
    for (const subject of ['Old one', 'Older one']) {
      await createTicket(ctx, { customer: other, category: routed, agent: busy, subject });
    }
    await createTicket(ctx, {
      customer: other,
      category: routed,
      agent: free,
      subject: 'Done already',
      status: 'closed',
    });

    const customer = await createCustomer(ctx, { fullName: 'Kiran Rao' });
    const { page, errors } = await newWatchedPage(e2e.browser, e2e.server.url);
    await signInThroughPage(page, customer.email);
    await page.goto('/customer/tickets/new');
    await page.getByLabel('Subject').fill('Watch stopped');
    await page.getByLabel('Category').selectOption({ label: 'Warranty' });
    await page.getByLabel('Your query').fill('My watch stopped after a week.');
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await expect.poll(() => page.getByText('Ticket created').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'My tickets' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Watch stopped' });
    await expect.poll(() => row.locator('[data-column="agent"]').innerText()).toBe('Janaki');
    expect(free.id).toBeTruthy();
    expect(errors).toEqual([]);
  });
});
