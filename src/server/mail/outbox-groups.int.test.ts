import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { outboxEmails } from '../db/schema.js';
import { queryRows } from '../db/connection.js';
import { createOutboxWorker } from './outbox-worker.js';
import { enqueueGroupedEmail, type EmailGroup, type NewEmail } from './outbox.js';
import type { MailTransport } from './transports/transport.js';

/** Grouped emails: later events of a group rewrite its pending email instead of adding one. */
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.destroy());

const db = () => test.database.db;
const options = { messageIdDomain: 'ccr.test' };
let sequence = 0;

/**
 * A group of its own per test. Its email lists the events since the group's start, as a real
 * builder renders what happened since then.
 */
function newGroup(delayMs = 60_000) {
  const key = `test:${++sequence}`;
  const events: { name: string; at: Date }[] = [];
  const email = (startedAt: Date): NewEmail => {
    const names = events.filter((event) => event.at >= startedAt).map((event) => event.name);
    return {
      to: 'someone@example.com',
      subject: `${names.length} events`,
      text: `since ${startedAt.toISOString()}: ${names.join(', ')}`,
      html: `<p>${names.join(', ')}</p>`,
      kind: 'grouped_test',
    };
  };
  const add = (name: string, at = new Date(), run = db()) => {
    events.push({ name, at });
    const group: EmailGroup = { key, delayMs, at };
    return enqueueGroupedEmail(run, group, (startedAt) => Promise.resolve(email(startedAt)), options);
  };
  const pending = () =>
    queryRows<{ id: string; text_body: string }>(
      db(),
      sql`select id, text_body from outbox_emails where group_key = ${key} and status = 'pending'`,
    );
  return { key, add, pending };
}

const silent = pino({ level: 'silent' });

describe('enqueueGroupedEmail', () => {
  it('keeps one pending email per group, re-rendered with every event since the group’s start', async () => {
    const group = newGroup();
    const start = new Date('2030-01-02T03:04:05.678Z');
    const first = await group.add('one', start);
    const second = await group.add('two', new Date(start.getTime() + 1000));
    const third = await group.add('three', new Date(start.getTime() + 2000));
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    expect(third.messageId).toBe(first.messageId);
    expect(third).toMatchObject({
      status: 'pending',
      groupKey: group.key,
      subject: '3 events',
      // The group begins with its first event; later ones render from that same start.
      textBody: `since ${start.toISOString()}: one, two, three`,
      createdAt: start,
    });
    // Due after the delay, by the database clock, and not pushed back by later events.
    const dueIn = third.nextAttemptAt.getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(50_000);
    expect(dueIn).toBeLessThanOrEqual(61_000);
    expect(third.nextAttemptAt).toEqual(first.nextAttemptAt);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const group = newGroup();
    await expect(
      db().transaction(async (tx) => {
        await group.add('lost', new Date(), tx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await group.pending()).toEqual([]);
  });

  it('concurrent events of one group still leave one pending email holding all of them', async () => {
    const group = newGroup();
    // Each in its own transaction; on PostgreSQL they run at once on separate connections.
    const at = new Date();
    const rows = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((event) => db().transaction((tx) => group.add(event, at, tx))),
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(1);
    const stored = await group.pending();
    expect(stored.map((row) => row.id)).toEqual([rows[0]?.id]);
    // Whichever transaction wrote last rendered every event (they committed in any order).
    const listed = stored[0]?.text_body.replace(/^since .+?Z: /, '').split(', ');
    expect(listed?.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('starts a new email once the worker claimed the pending one, and a retried one never collides', async () => {
    const group = newGroup(0);
    const first = await group.add('one', new Date(Date.now() - 1000));
    let fail = true;
    const sent: string[] = [];
    const transport: MailTransport = {
      name: 'log',
      send(email) {
        if (fail) return Promise.reject(new Error('try later'));
        sent.push(email.text);
        return Promise.resolve();
      },
    };
    const worker = createOutboxWorker({
      db: db(),
      transport,
      from: { address: 'help@shop.example' },
      logger: silent,
      options: { backoff: { baseMs: 1, maxMs: 1 }, random: () => 0 },
    });
    // The first attempt fails: the email leaves its group, and goes back to pending for a retry.
    expect(await worker.runOnce()).toBe(1);
    const [afterFailure] = await db().select().from(outboxEmails).where(eq(outboxEmails.id, first.id));
    expect(afterFailure).toMatchObject({ status: 'pending', groupKey: null, attempts: 1 });

    const second = await group.add('two');
    expect(second.id).not.toBe(first.id);
    expect(second.groupKey).toBe(group.key);

    fail = false;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await worker.runOnce()).toBe(2);
    // Each email holds its own group's events only.
    expect(sent.map((text) => text.replace(/^since .+?Z: /, '')).sort()).toEqual(['one', 'two']);
  });
});
