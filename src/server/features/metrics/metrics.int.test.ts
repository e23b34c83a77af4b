import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRepo } from '../../mail/outbox.repo.js';
import { call, createTestApp, type TestContext } from '../../../../test/helpers/app.js';
import { createCustomer, signIn } from '../../../../test/helpers/factories.js';
import { connectLive, isHello, listening } from '../../../../test/helpers/live-client.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
});
afterAll(() => context.close());

const scrape = async () => {
  const response = await call(context.app, 'GET', '/metrics');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.body;
};

/** The value of one sample line (`name{labels} value`), or undefined when the line is absent. */
const sample = (body: string, series: string): number | undefined => {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('serves the process metrics and the request durations by route pattern, never by raw URL', async () => {
    await call(context.app, 'GET', '/healthz');
    const ticketId = '00000000-0000-4000-8000-000000000000';
    expect((await call(context.app, 'GET', `/api/v1/tickets/${ticketId}`)).statusCode).toBe(401);
    await call(context.app, 'GET', '/api/v1/no-such-thing');

    const body = await scrape();
    expect(body).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(body).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(body).toContain('# TYPE ccr_http_request_duration_seconds histogram');
    expect(
      sample(
        body,
        'ccr_http_request_duration_seconds_count{method="GET",route="/healthz",status_code="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        body,
        'ccr_http_request_duration_seconds_count{method="GET",route="/api/v1/tickets/:ticket",status_code="401"}',
      ),
    ).toBe(1);
    expect(
      sample(
        body,
        'ccr_http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}',
      ),
    ).toBe(1);
    expect(body).not.toContain(ticketId);
    expect(body).not.toContain('no-such-thing');
  });

  it('counts the outbox backlog: pending and failed emails and how late the oldest due one is', async () => {
    const outbox = createOutboxRepo(context.db.database.db);
    const before = await scrape();
    expect(sample(before, 'ccr_outbox_emails{status="pending"}')).toBe(0);
    expect(sample(before, 'ccr_outbox_oldest_due_seconds')).toBe(0);

    for (const n of [1, 2]) {
      await outbox.insert({
        messageId: `<metrics-${n}-${Date.now()}@localhost>`,
        toAddress: `someone${n}@example.com`,
        subject: 'Hello',
        textBody: 'Hello',
        htmlBody: '<p>Hello</p>',
        headers: {},
        kind: 'test',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await scrape();
    expect(sample(after, 'ccr_outbox_emails{status="pending"}')).toBe(2);
    expect(sample(after, 'ccr_outbox_emails{status="failed"}')).toBe(0);
    expect(sample(after, 'ccr_outbox_oldest_due_seconds')).toBeGreaterThan(0);
  });

  it('counts the live WebSocket clients connected to this instance', async () => {
    const own = await createTestApp({ mail: { runWorker: false } });
    try {
      const baseUrl = await listening(own.app);
      const customer = await createCustomer(own);
      const live = await connectLive(baseUrl, await signIn(own, customer));
      await live.next(isHello);
      const gauge = async () => sample((await call(own.app, 'GET', '/metrics')).body, 'ccr_live_connections');
      expect(await gauge()).toBe(1);
      await live.close();
      await expect.poll(gauge).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('answers 404 to a request relayed by a proxy, so the Ingress never exposes it', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const value = header === 'forwarded' ? 'for=203.0.113.7' : '203.0.113.7';
      const response = await call(context.app, 'GET', '/metrics', undefined, {
        headers: { [header]: value },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(response.body).not.toContain('process_cpu');
    }
  });
});
