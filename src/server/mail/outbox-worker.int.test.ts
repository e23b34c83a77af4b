import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import {
  createSmtpReceiver,
  messageIds,
  waitFor,
  type SmtpReceiver,
} from '../../../test/helpers/smtp-receiver.js';
import { openDatabase, queryRows, type Database } from '../db/connection.js';
import { createOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import { enqueueEmail } from './outbox.js';
import { createOutboxRepo } from './outbox.repo.js';
import { createSmtpTransport } from './transports/smtp.js';
import type { MailTransport } from './transports/transport.js';

const silent = pino({ level: 'silent' });

let test: TestDatabase;
let receiver: SmtpReceiver;
const from = { address: 'help@shop.example' };

beforeAll(async () => {
  test = await createTestDatabase();
  receiver = await createSmtpReceiver();
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await test.destroy();
});

const db = () => test.database.db;

/** Enqueues `count` emails of one kind (each committed), answering their Message-IDs. */
async function enqueueMany(count: number, kind: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = await enqueueEmail(
      db(),
      { to: `to${i}@example.com`, subject: `${kind} ${i}`, text: 't', html: '<p>h</p>', kind },
      { messageIdDomain: 'ccr.test' },
    );
    ids.push(row.messageId);
  }
  return ids;
}

const statuses = (kind: string) =>
  queryRows<{ status: string; attempts: number; n: number }>(
    db(),
    sql`select status, attempts, count(*)::int as n from outbox_emails where kind = ${kind} group by status, attempts`,
  );

const worker = (database: Database, transport?: MailTransport): OutboxWorker =>
  createOutboxWorker({
    db: database.db,
    transport: transport ?? createSmtpTransport({ url: receiver.url, timeoutMs: 2000 }),
    from,
    logger: silent,
    options: { pollIntervalMs: 10, batchSize: 4 },
  });

describe('the outbox worker', () => {
  it('sends each of 30 emails exactly once with two workers on one database', async () => {
    // On PostgreSQL the second worker has its own connection pool, as a second instance would.
    const second =
      test.url !== undefined ? await openDatabase({ url: test.url, poolSize: 3 }) : test.database;
    const ids = await enqueueMany(30, 'two-workers');
    const a = worker(test.database);
    const b = worker(second);
    a.start();
    b.start();
    try {
      await waitFor(() => ids.every((id) => messageIds(receiver).includes(id)));
      await waitFor(async () => (await statuses('two-workers')).every((s) => s.status === 'sent'));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      if (second !== test.database) await second.close();
    }
    const got = messageIds(receiver).filter((id) => ids.includes(id));
    expect(got).toHaveLength(30);
    expect(new Set(got).size).toBe(30);
    expect(await statuses('two-workers')).toEqual([{ status: 'sent', attempts: 1, n: 30 }]);
  });

  it('resends the emails of a worker that died mid-batch once their lock runs out, with the same Message-ID', async () => {
    const ids = await enqueueMany(5, 'crashed');
    // The dead worker claimed them (status sending) and never marked them; its lock ran out.
    const claimed = await createOutboxRepo(db()).claim(5, 1);
    expect(claimed.map((c) => c.messageId).sort()).toEqual([...ids].sort());
    await new Promise((resolve) => setTimeout(resolve, 20));

    const restarted = worker(test.database);
    restarted.start();
    try {
      await waitFor(async () => (await statuses('crashed')).every((s) => s.status === 'sent'));
    } finally {
      await restarted.stop();
    }
    const got = messageIds(receiver).filter((id) => ids.includes(id));
    expect(got.sort()).toEqual([...ids].sort());
    // The attempt the dead worker started counts.
    expect(await statuses('crashed')).toEqual([{ status: 'sent', attempts: 2, n: 5 }]);
  });

  it('leaves a claimed email alone while its lock holds', async () => {
    const [id] = await enqueueMany(1, 'locked');
    await createOutboxRepo(db()).claim(10, 60_000);
    const other = worker(test.database);
    expect(await other.runOnce()).toBe(0);
    expect(messageIds(receiver)).not.toContain(id);
    await queryRows(db(), sql`update outbox_emails set status = 'failed' where kind = 'locked'`);
  });

  it('waits for the batch in flight when stopped, so nothing is left half-sent', async () => {
    await enqueueMany(3, 'in-flight');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = 0;
    const slow: MailTransport = {
      name: 'log',
      async send() {
        started += 1;
        await gate;
      },
    };
    const stopping = worker(test.database, slow);
    stopping.start();
    await waitFor(() => started === 3);
    let stopped = false;
    const stop = stopping.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stop;
    expect(await statuses('in-flight')).toEqual([{ status: 'sent', attempts: 1, n: 3 }]);
  });

  it('is woken by an enqueue instead of waiting for its next poll', async () => {
    const sent: string[] = [];
    const recording: MailTransport = {
      name: 'log',
      send: (email) => {
        sent.push(email.messageId);
        return Promise.resolve();
      },
    };
    const sleepy = createOutboxWorker({
      db: db(),
      transport: recording,
      from,
      logger: silent,
      options: { pollIntervalMs: 60_000 },
    });
    sleepy.start();
    try {
      // Let its first round find nothing, so it sleeps for a minute.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [id] = await enqueueMany(1, 'woken');
      sleepy.wake();
      await waitFor(() => sent.includes(id ?? ''), 2000);
    } finally {
      await sleepy.stop();
    }
  });
});

describe('enqueueEmail', () => {
  const count = async (kind: string) =>
    (
      await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from outbox_emails where kind = ${kind}`,
      )
    )[0]?.n;

  it('writes nothing when the caller’s transaction rolls back, and the email when it commits', async () => {
    const email = { to: 'a@example.com', subject: 's', text: 't', html: 'h', kind: 'tx-rollback' };
    await expect(
      db().transaction(async (tx) => {
        await enqueueEmail(tx, email, { messageIdDomain: 'ccr.test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count('tx-rollback')).toBe(0);

    await db().transaction(async (tx) => {
      await enqueueEmail(tx, { ...email, kind: 'tx-commit' }, { messageIdDomain: 'ccr.test' });
    });
    expect(await count('tx-commit')).toBe(1);
  });
});
