import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newWatchedPage, type TestBrowser } from '../helpers/browser.js';
import { contextOf, createCategory, signInThroughPage } from '../helpers/e2e-data.js';
import { E2E_ADMIN, startE2EServer, type E2EServer } from '../helpers/e2e-server.js';
import { uniqueEmail } from '../helpers/app.js';

let server: E2EServer;
let testBrowser: TestBrowser;
let browser: Browser;

beforeAll(async () => {
  server = await startE2EServer();
  testBrowser = await launchBrowser();
  browser = testBrowser.browser;
  await createCategory(contextOf(server), { name: 'Warranty' });
});
afterAll(async () => {
  await testBrowser?.close();
  await server?.close();
});

describe('an admin inviting and deactivating an agent in the browser', () => {
  it('creates the agent, who sets a password from the link; once deactivated, the agent is signed out', async () => {
    const email = uniqueEmail('kavya');
    const admin = await newWatchedPage(browser, server.url);
    await signInThroughPage(admin.page, E2E_ADMIN.email, E2E_ADMIN.password);
    await admin.page.waitForURL('**/admin');
    await admin.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Agents' })
      .click();
    await admin.page.waitForURL('**/admin/agents');

    // Add the agent; the dialog then shows the invitation link.
    await admin.page.getByRole('button', { name: 'Add agent' }).click();
    const addDialog = admin.page.getByRole('dialog', { name: 'Add an agent' });
    await addDialog.getByLabel('Full name').fill('Kavya Menon');
    await addDialog.getByLabel('Email').fill(email);
    await addDialog.getByRole('checkbox', { name: 'Warranty' }).check();
    await addDialog.getByRole('button', { name: 'Create and invite' }).click();
    const linkField = admin.page.getByLabel('Invitation link for Kavya Menon');
    await expect.poll(() => linkField.isVisible()).toBe(true);
    const link = new URL(await linkField.inputValue());
    expect(link.pathname).toBe('/invitation');
    expect(link.hash).toMatch(/^#token=[\w-]+$/);
    await admin.page.getByRole('button', { name: 'Done' }).click();
    const row = admin.page.getByRole('row').filter({ hasText: email });
    await expect.poll(() => row.getByText('Active').isVisible()).toBe(true);

    // The agent opens the link in a browser of their own and chooses a password.
    const agent = await newWatchedPage(browser, server.url);
    await agent.page.goto(`${link.pathname}${link.hash}`);
    await agent.page.getByLabel('Password', { exact: true }).fill('kavya password 1');
    await agent.page.getByLabel('Confirm password').fill('kavya password 1');
    await agent.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await agent.page.waitForURL('**/agent');
    await expect
      .poll(() => agent.page.getByRole('heading', { level: 1, name: 'Welcome, Kavya' }).isVisible())
      .toBe(true);

    // The admin deactivates the agent, confirming in a dialog.
    await row.getByRole('button', { name: 'Deactivate Kavya Menon' }).click();
    const confirm = admin.page.getByRole('dialog', { name: 'Deactivate agent' });
    await expect.poll(() => confirm.getByText(/^Deactivate Kavya Menon\?/).isVisible()).toBe(true);
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => admin.page.getByText('Kavya Menon was deactivated').isVisible()).toBe(true);
    await expect.poll(() => row.getByText('Deactivated').isVisible()).toBe(true);

    // The agent's next navigation finds the session gone and lands on sign-in.
    await agent.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Unassigned' })
      .click();
    await agent.page.waitForURL('**/sign-in');
    await expect
      .poll(() => agent.page.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible())
      .toBe(true);

    expect(admin.errors).toEqual([]);
    expect(agent.errors).toEqual([]);
    await admin.context.close();
    await agent.context.close();
  });
});
