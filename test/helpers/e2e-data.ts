import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { CategoryRow } from '../../src/server/db/schema.js';
import type { AgentRequestBody } from '../../src/shared/contracts/agents.js';
import type { TicketDetail, TicketPage } from '../../src/shared/contracts/tickets.js';
import { DEVICE_COOKIE } from '../../src/server/features/devices/device-cookie.js';
import { createUsersService } from '../../src/server/features/users/users.service.js';
import {
  call,
  knownDeviceSignIn,
  rememberedDevice,
  sessionCookie,
  TEST_PASSWORD,
  uniqueEmail,
  type TestContext,
} from './app.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { E2E_ADMIN, serverAt, startE2EServer, type E2EServer } from './e2e-server.js';
import { createAgent, createCategory, createCustomer, createTicket, signIn } from './factories.js';

/** Data for the browser journeys, written through the real API or the test factories. */

export { createAgent, createCategory, createCustomer, createTicket, TEST_PASSWORD };

/** The e2e server as the factories' context (they only use its app and database). */
export const contextOf = (server: E2EServer): TestContext => server;

export interface BrowserJourneys {
  server: E2EServer;
  browser: Browser;
  /** One category made for the file's tickets. */
  category: CategoryRow;
}

/**
 * Starts an e2e server, a browser and a category named `categoryName` before the file's tests and
 * stops them after; call it at the top of a test file. The fields are set once the tests run.
 */
export function browserJourneys(categoryName: string): BrowserJourneys {
  const journeys = {} as BrowserJourneys;
  let testBrowser: TestBrowser | undefined;
  beforeAll(async () => {
    journeys.server = await startE2EServer();
    testBrowser = await launchBrowser();
    journeys.browser = testBrowser.browser;
    journeys.category = await createCategory(contextOf(journeys.server), { name: categoryName });
  });
  afterAll(async () => {
    await testBrowser?.close();
    await journeys.server?.close();
  });
  return journeys;
}

let adminCookieCache: { server: E2EServer; cookie: string } | undefined;

/** The seeded admin's session cookie, for API calls a test makes behind the browser's back. */
export async function adminCookie(server: E2EServer): Promise<string> {
  if (adminCookieCache?.server === server) return adminCookieCache.cookie;
  const response = await knownDeviceSignIn(server, {
    email: E2E_ADMIN.email,
    password: E2E_ADMIN.password,
  });
  if (response.statusCode !== 200) throw new Error(`admin sign-in failed: ${response.body}`);
  adminCookieCache = { server, cookie: sessionCookie(response) };
  return adminCookieCache.cookie;
}

/** A cookie for any account created by the factories (password TEST_PASSWORD). */
export const cookieOf = (server: E2EServer, user: { email: string }) => signIn(contextOf(server), user);

/** The tickets the holder of `cookie` sees through GET /api/v1/tickets (query string optional). */
export async function ticketsSeenBy(server: E2EServer, cookie: string, query = ''): Promise<TicketPage> {
  const response = await call(server.app, 'GET', `/api/v1/tickets${query}`, undefined, { cookie });
  if (response.statusCode !== 200) throw new Error(`listing tickets failed: ${response.body}`);
  return response.json<TicketPage>();
}

export async function ticketAs(server: E2EServer, cookie: string, reference: string): Promise<TicketDetail> {
  const response = await call(server.app, 'GET', `/api/v1/tickets/${reference}`, undefined, { cookie });
  if (response.statusCode !== 200) throw new Error(`reading ${reference} failed: ${response.body}`);
  return response.json<TicketDetail>();
}

/** Assigns a ticket as the admin, through the API. */
export async function assignAsAdmin(
  server: E2EServer,
  ticket: { id: string; version: number },
  agentId: string,
) {
  const response = await call(
    server.app,
    'POST',
    `/api/v1/tickets/${ticket.id}/assign`,
    { agentId, version: ticket.version },
    { cookie: await adminCookie(server) },
  );
  if (response.statusCode !== 200) throw new Error(`assigning failed: ${response.body}`);
  return response.json<TicketDetail>();
}

/** A public request to join as an agent, as the "ask to join" page sends it. */
export async function requestToJoin(
  server: E2EServer,
  fields: Partial<AgentRequestBody> & { categoryIds: string[] },
) {
  const body: AgentRequestBody = {
    fullName: 'Ravi Shankar',
    email: uniqueEmail('ravi'),
    password: TEST_PASSWORD,
    passwordConfirmation: TEST_PASSWORD,
    languages: ['en'],
    ...fields,
  };
  const response = await call(server.app, 'POST', '/api/v1/agent-requests', body);
  if (response.statusCode !== 201) throw new Error(`request to join failed: ${response.body}`);
  return body;
}

/**
 * Makes the page's browser one the account has verified before (the device cookie two-step
 * verification sets), so signing in there asks for no code. The page must be on the e2e server.
 */
export async function rememberThisBrowser(page: Page, email: string): Promise<void> {
  const origin = new URL(page.url()).origin;
  const server = serverAt(origin);
  const account = await createUsersService(server.db.database.db).findByEmail(email);
  if (!account) return;
  const pair = await rememberedDevice(server, account);
  await page.context().addCookies([
    {
      name: DEVICE_COOKIE,
      value: pair.slice(`${DEVICE_COOKIE}=`.length),
      url: origin,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
}

/** Signs in through the sign-in page, from a remembered browser, and waits to leave it. */
export async function signInThroughPage(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await rememberThisBrowser(page, email);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
