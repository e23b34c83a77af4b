import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newWatchedPage, type TestBrowser } from '../helpers/browser.js';
import { signInThroughPage } from '../helpers/e2e-data.js';
import { E2E_ADMIN, startE2EServer, type E2EServer } from '../helpers/e2e-server.js';

let server: E2EServer;
let testBrowser: TestBrowser;
let browser: Browser;

beforeAll(async () => {
  server = await startE2EServer();
  testBrowser = await launchBrowser();
  browser = testBrowser.browser;
});
afterAll(async () => {
  await testBrowser?.close();
  await server?.close();
});

const FILTERS = [
  'Search',
  'Status',
  'Category',
  'Agent',
  'Tag',
  'Priority',
  'Service level',
  'Created from',
  'Created until',
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The admin's ticket filters at one window width: each control's box, and the form's. */
async function filterBoxes(viewport: { width: number; height: number }) {
  const { page, context } = await newWatchedPage(browser, server.url, viewport);
  await signInThroughPage(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin/tickets');
  const form = page.getByRole('search', { name: 'Filters' });
  await expect.poll(() => form.getByLabel('Status').isVisible()).toBe(true);
  const boxOf = async (target: ReturnType<Page['getByLabel']>): Promise<Box> => {
    const box = await target.boundingBox();
    if (!box) throw new Error('not laid out');
    return box;
  };
  const controls: Box[] = [];
  // The first match is the control itself (an autocomplete also labels its list of options).
  for (const label of FILTERS) controls.push(await boxOf(form.getByLabel(label, { exact: true }).first()));
  const formBox = await boxOf(form);
  await context.close();
  return { controls, formBox };
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

describe('the admin ticket filters', () => {
  it('wrap into rows without overlapping at 1280 px', async () => {
    const { controls, formBox } = await filterBoxes({ width: 1280, height: 800 });
    for (const [index, box] of controls.entries()) {
      expect(box.x).toBeGreaterThanOrEqual(formBox.x - 0.5);
      expect(box.x + box.width).toBeLessThanOrEqual(formBox.x + formBox.width + 0.5);
      for (const other of controls.slice(index + 1)) expect(overlap(box, other)).toBe(false);
    }
    // More than one per row, and Status ends before Category begins.
    const [, status, category] = controls as [Box, Box, Box];
    expect(status.y).toBe(category.y);
    expect(status.x + status.width).toBeLessThan(category.x);
  });

  it('stack one under another at 360 px', async () => {
    const { controls, formBox } = await filterBoxes({ width: 360, height: 800 });
    for (const [index, box] of controls.entries()) {
      expect(box.x + box.width).toBeLessThanOrEqual(formBox.x + formBox.width + 0.5);
      const previous = controls[index - 1];
      if (previous) expect(box.y).toBeGreaterThanOrEqual(previous.y + previous.height);
    }
  });
});
