import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import type { Db } from '../db/connection.js';
import { outboxEmails } from '../db/schema.js';
import { writeTogether } from '../db/write-together.js';
import { createOutboxWorker, type EmailRenderer } from './outbox-worker.js';
import { groupedEmailWrite, type EmailGroup } from './outbox.js';
import type { MailTransport, OutgoingEmail } from './transports/transport.js';

/**
 * Grouped emails: later events of a group join its pending email instead of adding one, and the email
 * is written when it is sent, from the events since the group's start.
 */
let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.destroy());

const db = () => test.database.db;
const options = { messageIdDomain: 'ccr.test' };
const KIND = 'grouped_test';
let sequence = 0;
/** Every test group's events, by group key. */
const events = new Map<string, { name: string; at: Date }[]>();
let renders = 0;

/**
 * Renders a group's email from the events since its start, and before the start of the group's next
 * pending email, as the real reply renderer does.
 */
const render: EmailRenderer = async (tx, { renderFrom, createdAt }) => {
  renders++;
  const key = renderFrom.key ?? '';
  const [next] = await tx
    .select({ createdAt: outboxEmails.createdAt })
    .from(outboxEmails)
    .where(sql`${outboxEmails.groupKey} = ${key} and ${outboxEmails.status} = 'pending'`);
  const names = (events.get(key) ?? [])
    .filter((event) => event.at >= createdAt && (!next || event.at < next.createdAt))
    .map((event) => event.name);
  if (names.length === 0) return undefined;
  return {
    to: 'someone@example.com',
    subject: `${names.length} events`,
    text: `since ${createdAt.toISOString()}: ${names.join(', ')}`,
    html: `<p>${names.join(', ')}</p>`,
  };
};

/** A group of its own per test. */
function newGroup(delayMs = 60_000) {
  const key = `test:${++sequence}`;
  events.set(key, []);
  const add = async (name: string, at = new Date(), run: Db = db()) => {
    events.get(key)?.push({ name, at });
    const group: EmailGroup = { key, delayMs, at };
    await writeTogether(run, [
      groupedEmailWrite(run, group, { to: 'someone@example.com', kind: KIND, renderFrom: { key } }, options),
    ]);
  };
  const rows = () => db().select().from(outboxEmails).where(eq(outboxEmails.groupKey, key));
  return { key, add, rows };
}

const silent = pino({ level: 'silent' });

function workerSending(sent: OutgoingEmail[], fail: () => boolean = () => false) {
  const transport: MailTransport = {
    name: 'log',
    send(email) {
      if (fail()) return Promise.reject(new Error('try later'));
      sent.push(email);
      return Promise.resolve();
    },
  };
  return createOutboxWorker({
    db: db(),
    renderers: { [KIND]: render },
    transport,
    from: { address: 'help@shop.example' },
    logger: silent,
    options: { backoff: { baseMs: 1, maxMs: 1 }, random: () => 0 },
  });
}

/** The group's pending email becomes due now. */
const release = (key: string) =>
  db()
    .update(outboxEmails)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(outboxEmails.groupKey, key));

describe('grouped emails', () => {
  it('keeps one pending email per group, written when it is sent with every event since the start', async () => {
    const group = newGroup();
    const start = new Date('2030-01-02T03:04:05.678Z');
    await group.add('one', start);
    await group.add('two', new Date(start.getTime() + 1000));
    await group.add('three', new Date(start.getTime() + 2000));
    const [pending, ...others] = await group.rows();
    expect(others).toEqual([]);
    expect(pending).toMatchObject({
      status: 'pending',
      kind: KIND,
      // The group begins with its first event; nothing is rendered before it is sent.
      createdAt: start,
      subject: '',
      renderFrom: { key: group.key },
    });
    // Due after the delay, by the database clock, and not pushed back by later events.
    const dueIn = pending!.nextAttemptAt.getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(50_000);
    expect(dueIn).toBeLessThanOrEqual(61_000);

    const sent: OutgoingEmail[] = [];
    await release(group.key);
    expect(await workerSending(sent).runOnce()).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      subject: '3 events',
      text: `since ${start.toISOString()}: one, two, three`,
      messageId: pending!.messageId,
    });
    // What it said is kept, for the Mail log and for retries.
    const [stored] = await db().select().from(outboxEmails).where(eq(outboxEmails.id, pending!.id));
    expect(stored).toMatchObject({ status: 'sent', subject: '3 events', renderFrom: null, groupKey: null });
    expect(stored?.textBody).toBe(sent[0]?.text);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const group = newGroup();
    await expect(
      db().transaction(async (tx) => {
        await group.add('lost', new Date(), tx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await group.rows()).toEqual([]);
  });

  it('concurrent events of one group still leave one pending email', async () => {
    const group = newGroup();
    // Each in its own transaction; on PostgreSQL they run at once on separate connections.
    const at = new Date();
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((event) => db().transaction((tx) => group.add(event, at, tx))),
    );
    const rows = await group.rows();
    expect(rows).toHaveLength(1);
    const sent: OutgoingEmail[] = [];
    await release(group.key);
    await workerSending(sent).runOnce();
    expect(
      sent[0]?.text
        .replace(/^since .+?Z: /, '')
        .split(', ')
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('starts a new email once the worker claimed the pending one; a retry sends what was written', async () => {
    const group = newGroup(0);
    await group.add('one', new Date(Date.now() - 1000));
    let fail = true;
    const sent: OutgoingEmail[] = [];
    const worker = workerSending(sent, () => fail);
    const [first] = await group.rows();
    const rendersBefore = renders;
    // The first attempt fails: the email leaves its group, written, and goes back to pending for a retry.
    expect(await worker.runOnce()).toBe(1);
    const [afterFailure] = await db().select().from(outboxEmails).where(eq(outboxEmails.id, first!.id));
    expect(afterFailure).toMatchObject({ status: 'pending', groupKey: null, attempts: 1, renderFrom: null });
    expect(afterFailure?.textBody).toMatch(/: one$/);

    await group.add('two');
    const [second] = await group.rows();
    expect(second?.id).not.toBe(afterFailure?.id);
    expect(second?.status).toBe('pending');

    fail = false;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await worker.runOnce()).toBe(2);
    // Each email holds its own group's events only; the retry was not written again.
    expect(sent.map((email) => email.text.replace(/^since .+?Z: /, '')).sort()).toEqual(['one', 'two']);
    expect(renders - rendersBefore).toBe(2);
  });

  it('an email left with nothing to say, or of a kind nobody renders, fails without being sent', async () => {
    const empty = newGroup(0);
    await writeTogether(db(), [
      groupedEmailWrite(
        db(),
        { key: empty.key, delayMs: 0, at: new Date(Date.now() - 1000) },
        { to: 'someone@example.com', kind: KIND, renderFrom: { key: empty.key } },
        options,
      ),
    ]);
    const unknown = newGroup(0);
    await writeTogether(db(), [
      groupedEmailWrite(
        db(),
        { key: unknown.key, delayMs: 0, at: new Date(Date.now() - 1000) },
        { to: 'someone@example.com', kind: 'nobody_renders', renderFrom: { key: unknown.key } },
        options,
      ),
    ]);
    const sent: OutgoingEmail[] = [];
    expect(await workerSending(sent).runOnce()).toBe(2);
    expect(sent).toEqual([]);
    const failed = await db()
      .select()
      .from(outboxEmails)
      .where(sql`${outboxEmails.renderFrom}->>'key' in (${empty.key}, ${unknown.key})`);
    expect(failed.map((row) => [row.status, row.lastError]).sort()).toEqual([
      ['failed', 'no renderer for nobody_renders emails'],
      ['failed', 'nothing left to send: its ticket or recipient is gone'],
    ]);
  });
});
