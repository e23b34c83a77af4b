import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../test/helpers/app.js';
import {
  createSmtpReceiver,
  messageIds,
  waitFor,
  type SmtpReceiver,
  deliverTo,
} from '../../../test/helpers/smtp-receiver.js';
import type { MailDetail } from '../../shared/contracts/mail.js';
import { queryRows } from '../db/connection.js';
import type { OutboxEmailRow } from '../db/schema.js';
import { createOutbox, type NewEmail } from './outbox.js';
import { createSmtpTransport } from './transports/smtp.js';

/**
 * The real path: the app's worker sends through nodemailer to an SMTP server running in this test
 * (with AUTH), and what arrives is parsed. Polls and backoffs are milliseconds here.
 */
let receiver: SmtpReceiver;
let context: TestContext;
let admin: string;

beforeAll(async () => {
  receiver = await createSmtpReceiver();
  await receiver.start();
  context = await createTestApp({
    mail: deliverTo(receiver, {
      from: { name: 'Help Desk', address: 'help@shop.example' },
      worker: { maxAttempts: 5 },
    }),
  });
  admin = (await signedIn(context, 'admin')).cookie;
});
afterAll(async () => {
  await context.close();
  await receiver.stop();
});
afterEach(() => {
  receiver.refuse = undefined;
});

let sequence = 0;
/** Enqueues one email (committed at once) and wakes the worker, as a service does. */
async function enqueue(overrides: Partial<NewEmail> = {}): Promise<OutboxEmailRow> {
  const outbox = createOutbox({ publicUrl: 'https://help.shop.example' });
  const row = await outbox.enqueue(context.db.database.db, {
    to: 'customer@example.com',
    subject: `Test ${++sequence}`,
    text: 'Plain text body',
    html: '<p>HTML body</p>',
    kind: 'test',
    ...overrides,
  });
  return row;
}

async function row(id: string): Promise<OutboxEmailRow> {
  const rows = await queryRows<OutboxEmailRow>(
    context.db.database.db,
    sql`select id, status, attempts, last_error as "lastError", message_id as "messageId", transport
        from outbox_emails where id = ${id}`,
  );
  if (!rows[0]) throw new Error(`no outbox row ${id}`);
  return rows[0];
}

const statusOf = async (id: string) => (await row(id)).status;
const arrived = (messageId: string) => messageIds(receiver).filter((m) => m === messageId).length;

describe('the smtp transport', () => {
  it('delivers the email with its sender, bodies, headers and the row’s Message-ID', async () => {
    const email = await enqueue({
      to: 'Asha <asha@example.com>',
      subject: 'Your ticket was answered',
      text: 'Hello Asha,\nyour ticket has a reply.',
      html: '<p>Hello Asha,<br>your ticket has a reply.</p>',
      headers: { 'List-Unsubscribe': '<https://help.shop.example/unsubscribe>' },
    });
    expect(email.messageId).toMatch(/^<[0-9a-f-]{36}@help\.shop\.example>$/);
    await waitFor(async () => (await statusOf(email.id)) === 'sent');

    const received = receiver.received.find((r) => r.mail.messageId === email.messageId);
    expect(received).toBeDefined();
    const mail = received!.mail;
    expect(mail.from?.value).toEqual([{ address: 'help@shop.example', name: 'Help Desk' }]);
    expect(received!.rcptTo).toEqual(['asha@example.com']);
    expect(mail.subject).toBe('Your ticket was answered');
    expect(mail.text?.trim()).toBe('Hello Asha,\nyour ticket has a reply.');
    expect(mail.html).toContain('<p>Hello Asha,<br>your ticket has a reply.</p>');
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <https://help.shop.example/unsubscribe>',
    );
    expect(received!.secure).toBe(false);
    expect(await row(email.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      lastError: null,
      transport: 'smtp',
    });
  });

  it('retries a temporary refusal (451) with backoff and delivers exactly once', async () => {
    receiver.refuse = { code: 451, message: 'Greylisted, try again later' };
    const refusalsBefore = receiver.refusals;
    const email = await enqueue();
    await waitFor(() => receiver.refusals >= refusalsBefore + 2);
    const waiting = await row(email.id);
    expect(['pending', 'sending']).toContain(waiting.status);
    expect(waiting.lastError ?? '').toContain('451');

    receiver.refuse = undefined;
    await waitFor(async () => (await statusOf(email.id)) === 'sent');
    expect(arrived(email.messageId)).toBe(1);
    expect((await row(email.id)).attempts).toBeGreaterThanOrEqual(3);
  });

  it('retries a refusal at RCPT TO the same way', async () => {
    receiver.refuse = { code: 452, message: 'Mailbox full for now', at: 'rcpt' };
    const refusalsBefore = receiver.refusals;
    const email = await enqueue();
    await waitFor(() => receiver.refusals > refusalsBefore);
    receiver.refuse = undefined;
    await waitFor(async () => (await statusOf(email.id)) === 'sent');
    expect(arrived(email.messageId)).toBe(1);
  });

  it('marks a permanent refusal (550) failed with the reason; an admin retry then sends it', async () => {
    receiver.refuse = { code: 550, message: 'No such user here' };
    const email = await enqueue({ to: 'nobody@example.com' });
    await waitFor(async () => (await statusOf(email.id)) === 'failed');
    const failed = await row(email.id);
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('550');
    expect(failed.lastError).toContain('No such user here');
    expect(arrived(email.messageId)).toBe(0);

    receiver.refuse = undefined;
    const retried = await call(context.app, 'POST', `/api/v1/admin/mail/${email.id}/retry`, undefined, {
      cookie: admin,
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json<MailDetail>()).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    await waitFor(async () => (await statusOf(email.id)) === 'sent');
    expect(arrived(email.messageId)).toBe(1);
  });

  it('gives up after the last attempt and says why', async () => {
    receiver.refuse = { code: 421, message: 'Service not available' };
    const email = await enqueue();
    await waitFor(async () => (await statusOf(email.id)) === 'failed');
    const failed = await row(email.id);
    expect(failed.attempts).toBe(5);
    expect(failed.lastError).toMatch(/^gave up after 5 attempts: .*421/);
  });

  it('never stores the SMTP password in an error', async () => {
    receiver.refuse = { code: 550, message: `Rejected smtp p@ss word` };
    const email = await enqueue();
    await waitFor(async () => (await statusOf(email.id)) === 'failed');
    expect((await row(email.id)).lastError).not.toContain('smtp p@ss word');
  });
});

describe('an SMTP server that is down', () => {
  it('keeps the email until the server starts, then delivers it once', async () => {
    const later = await createSmtpReceiver();
    const app = await createTestApp({
      mail: {
        transport: createSmtpTransport({ url: later.url, timeoutMs: 2000 }),
        worker: { pollIntervalMs: 20, backoff: { baseMs: 30, maxMs: 100 } },
      },
    });
    try {
      const outbox = createOutbox({ publicUrl: 'http://localhost:3000' });
      const email = await outbox.enqueue(app.db.database.db, {
        to: 'someone@example.com',
        subject: 'While the server is down',
        text: 'text',
        html: '<p>html</p>',
        kind: 'test',
      });
      const lastError = async () =>
        (
          await queryRows<{ last_error: string | null; attempts: number }>(
            app.db.database.db,
            sql`select last_error, attempts from outbox_emails where id = ${email.id}`,
          )
        )[0];
      await waitFor(async () => ((await lastError())?.attempts ?? 0) >= 2);
      expect((await lastError())?.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);

      await later.start();
      await waitFor(() => later.received.length > 0);
      await waitFor(async () => {
        const rows = await queryRows<{ status: string }>(
          app.db.database.db,
          sql`select status from outbox_emails where id = ${email.id}`,
        );
        return rows[0]?.status === 'sent';
      });
      expect(messageIds(later)).toEqual([email.messageId]);
    } finally {
      await app.close();
      await later.stop();
    }
  });
});

describe('STARTTLS', () => {
  it('upgrades a smtp:// connection when the server offers it', async () => {
    const tls = await createSmtpReceiver({ tls: true });
    await tls.start();
    try {
      // smtp-server's certificate is self-signed; nodemailer's URL options say to accept it here.
      const transport = createSmtpTransport({
        url: `${tls.url}?requireTLS=true&tls.rejectUnauthorized=false`,
        timeoutMs: 2000,
      });
      await transport.send({
        messageId: '<starttls-test@localhost>',
        from: { address: 'help@shop.example' },
        to: 'someone@example.com',
        subject: 'Over TLS',
        text: 'text',
        html: '<p>html</p>',
        headers: {},
      });
      expect(tls.received).toHaveLength(1);
      expect(tls.received[0]?.secure).toBe(true);
      expect(tls.received[0]?.mail.messageId).toBe('<starttls-test@localhost>');
    } finally {
      await tls.stop();
    }
  });
});
