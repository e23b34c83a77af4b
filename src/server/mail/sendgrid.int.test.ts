import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/app.js';
import { waitFor } from '../../../test/helpers/smtp-receiver.js';
import { queryRows } from '../db/connection.js';
import { createOutbox } from './outbox.js';
import { createSendgridTransport } from './transports/sendgrid.js';

/** A stand-in for api.sendgrid.com on a local port: records each request, answers what the test says. */
interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}
let server: Server;
let requests: Recorded[] = [];
let answers: { status: number; body?: unknown }[] = [];
let context: TestContext;

const API_KEY = 'SG.test-key.secret-part';

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      const answer = answers.shift() ?? { status: 202 };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  context = await createTestApp({
    mail: {
      transport: createSendgridTransport({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}/` }),
      from: { name: 'Customer Care Registry', address: 'no-reply@shop.example' },
      worker: { pollIntervalMs: 20, backoff: { baseMs: 30, maxMs: 100 } },
    },
  });
});
afterAll(async () => {
  await context.close();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
  answers = [];
});

async function enqueue(subject: string) {
  return createOutbox({ publicUrl: 'https://help.shop.example' }).enqueue(context.db.database.db, {
    to: 'asha@example.com',
    subject,
    text: 'Plain & simple',
    html: '<p>Plain &amp; simple</p>',
    kind: 'test',
    headers: { 'List-Unsubscribe': '<https://help.shop.example/unsubscribe>' },
  });
}

const rowOf = async (id: string) =>
  (
    await queryRows<{
      status: string;
      attempts: number;
      last_error: string | null;
      transport: string | null;
    }>(
      context.db.database.db,
      sql`select status, attempts, last_error, transport from outbox_emails where id = ${id}`,
    )
  )[0];

describe('the sendgrid transport', () => {
  it('posts the documented v3 Mail Send request; 202 marks the email sent', async () => {
    const email = await enqueue('Your ticket was answered');
    await waitFor(async () => (await rowOf(email.id))?.status === 'sent');
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v3/mail/send');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      personalizations: [{ to: [{ email: 'asha@example.com' }] }],
      from: { email: 'no-reply@shop.example', name: 'Customer Care Registry' },
      subject: 'Your ticket was answered',
      content: [
        { type: 'text/plain', value: 'Plain & simple' },
        { type: 'text/html', value: '<p>Plain &amp; simple</p>' },
      ],
      headers: {
        'List-Unsubscribe': '<https://help.shop.example/unsubscribe>',
        'Message-ID': email.messageId,
      },
    });
    expect(await rowOf(email.id)).toMatchObject({ status: 'sent', attempts: 1, transport: 'sendgrid' });
  });

  it('retries after a 500 and then sends', async () => {
    answers = [{ status: 500, body: { errors: [{ message: 'Internal error' }] } }, { status: 503 }];
    const email = await enqueue('Retried');
    await waitFor(async () => (await rowOf(email.id))?.status === 'sent');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await rowOf(email.id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
  });

  it('fails for good on a 401 and keeps the API key out of the error', async () => {
    answers = [
      {
        status: 401,
        body: { errors: [{ message: `The provided authorization grant is invalid: ${API_KEY}` }] },
      },
    ];
    const email = await enqueue('Bad key');
    await waitFor(async () => (await rowOf(email.id))?.status === 'failed');
    const row = await rowOf(email.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.last_error).toContain('SendGrid answered 401: The provided authorization grant is invalid');
    expect(row?.last_error).not.toContain('secret-part');
    expect(requests).toHaveLength(1);
  });

  it('treats a provider it cannot reach as temporary', async () => {
    const unreachable = createSendgridTransport({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1' });
    const error = await unreachable
      .send({
        messageId: '<x@localhost>',
        from: { address: 'a@example.com' },
        to: 'b@example.com',
        subject: 's',
        text: 't',
        html: 'h',
        headers: {},
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'MailDeliveryError', permanent: false });
    expect(String(error)).toContain('SendGrid unreachable');
  });
});
