import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

/** Debian's Chromium; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

// Without the networking flags Chromium stalls on a machine with no way out.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Playwright gives every launch a new, empty profile of its own. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return { browser, close: () => browser.close() };
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions, CSP violations included. */
  errors: string[];
  /**
   * Resolves once no request of the page has been in flight for `quietMs`: e.g. before stopping the
   * server under it, so a refetch the last action started cannot hit a closed port.
   */
  settled: (quietMs?: number) => Promise<void>;
}

/** A fresh browser profile (no cookies) with one page whose console errors are collected. */
export async function newWatchedPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // A 401/403 answer is an expected outcome in these journeys, not a page error.
    if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors, settled: trackRequests(page) };
}

const SETTLE_TIMEOUT_MS = 10_000;

function trackRequests(page: Page): WatchedPage['settled'] {
  const inFlight = new Set<Request>();
  let changedAt = Date.now();
  page.on('request', (request) => {
    inFlight.add(request);
    changedAt = Date.now();
  });
  const ended = (request: Request) => {
    inFlight.delete(request);
    changedAt = Date.now();
  };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return async (quietMs = 300) => {
    const giveUpAt = Date.now() + SETTLE_TIMEOUT_MS;
    while (inFlight.size > 0 || Date.now() - changedAt < quietMs) {
      if (Date.now() > giveUpAt) {
        throw new Error(
          `requests still in flight: ${[...inFlight].map((request) => request.url()).join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}
