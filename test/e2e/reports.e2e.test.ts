import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/connection.js';
import { newWatchedPage } from '../helpers/browser.js';
import {
  browserJourneys,
  contextOf,
  createAgent,
  createCustomer,
  createTicket,
  signInThroughPage,
} from '../helpers/e2e-data.js';
import { E2E_ADMIN } from '../helpers/e2e-server.js';

const journeys = browserJourneys('Reports');

describe('reports in the browser', () => {
  it('shows the volume chart and downloads a CSV with the numbers the page shows', async () => {
    const { server, browser, category } = journeys;
    const context = contextOf(server);
    const customer = await createCustomer(context);
    const agent = await createAgent(context, { categories: [category] });
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await createTicket(context, { customer, category, agent }));
    await queryRows(
      server.db.database.db,
      sql`update tickets set status = 'resolved', resolved_at = now(), updated_at = now() where id = ${tickets[0]?.id ?? ''}`,
    );

    const { page, errors, context: browserContext } = await newWatchedPage(browser, server.url);
    await signInThroughPage(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL('**/admin/reports');

    const section = page.getByRole('region', { name: 'Tickets created and resolved per day' });
    // The chart: an SVG with one bar series for created and one for resolved.
    await expect.poll(() => section.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    await expect.poll(() => section.locator('.recharts-bar').count()).toBe(2);
    expect(await section.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await expect.poll(() => section.getByText('3 created, 1 resolved').isVisible()).toBe(true);

    const shown = await section
      .locator('table[data-numbers] tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)),
      );
    expect(shown).toHaveLength(30);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^volume-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    const path = await download.path();
    const csv = (await readFile(path, 'utf8')).trimEnd().split('\r\n');
    expect(csv[0]).toBe('day,created,resolved');
    expect(csv.slice(1).map((line) => line.split(','))).toEqual(shown);
    expect(csv.at(-1)).toMatch(/,3,1$/);
    expect(errors).toEqual([]);
    await browserContext.close();
  });
});
