import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connection.js';
import type { NewEmail } from './outbox.js';
import { createOutboxRepo, type ClaimedEmail } from './outbox.repo.js';
import { MailDeliveryError, scrub, type MailAddress, type MailTransport } from './transports/transport.js';

export interface OutboxWorkerOptions {
  /** How often to look for due emails when nobody wakes the worker. */
  pollIntervalMs: number;
  /** Emails claimed (and sent concurrently) per round. */
  batchSize: number;
  /**
   * How long a claim lasts. Longer than any send can take (transports time out well before), so a
   * live worker never loses its rows; a crashed worker's rows are retried once it runs out.
   */
  lockMs: number;
  /** Attempts before an email that keeps failing temporarily is marked failed. */
  maxAttempts: number;
  /** The wait before attempt n+1 is baseMs · 2^(n-1), at most maxMs, less up to a quarter of jitter. */
  backoff: { baseMs: number; maxMs: number };
  /** For tests of the jitter; Math.random by default. */
  random: () => number;
}

export const DEFAULT_WORKER_OPTIONS: OutboxWorkerOptions = {
  pollIntervalMs: 1000,
  batchSize: 10,
  lockMs: 5 * 60_000,
  maxAttempts: 10,
  backoff: { baseMs: 30_000, maxMs: 60 * 60_000 },
  random: Math.random,
};

/** The wait before the next attempt after `attempts` failed ones. */
export function retryDelayMs(
  attempts: number,
  backoff: OutboxWorkerOptions['backoff'],
  random: () => number = Math.random,
): number {
  const exponential = backoff.baseMs * 2 ** Math.max(0, attempts - 1);
  const capped = Math.min(exponential, backoff.maxMs);
  // Jitter spreads out the retries of many emails that failed together (a provider outage).
  return Math.round(capped * (1 - 0.25 * random()));
}

/**
 * Writes an email of its kind as it is sent (a group's email, see groupedEmailWrite), inside the
 * transaction that stores what it wrote. Undefined: there is nothing left to send.
 */
export type EmailRenderer = (
  tx: Db,
  email: { renderFrom: Record<string, string>; createdAt: Date },
) => Promise<Omit<NewEmail, 'kind'> | undefined>;

export interface OutboxWorkerDeps {
  db: Db;
  /** By kind: the emails written as they are sent. */
  renderers?: Record<string, EmailRenderer>;
  transport: MailTransport;
  from: MailAddress;
  logger: FastifyBaseLogger;
  options?: Partial<OutboxWorkerOptions>;
}

export interface OutboxWorker {
  start(): void;
  /** Stops polling and waits for the round in flight to finish (its emails are marked). */
  stop(): Promise<void>;
  /** Look for due emails now (after an enqueue committed) rather than at the next poll. */
  wake(): void;
  /** One round: claims and sends a batch; answers how many emails it handled. */
  runOnce(): Promise<number>;
}

export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const options = { ...DEFAULT_WORKER_OPTIONS, ...deps.options };
  const repo = createOutboxRepo(deps.db);
  const { logger, transport } = deps;

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  /** The round in flight, if any. */
  let current: Promise<void> | undefined;
  /** Set when woken during a round: run another as soon as it ends. */
  let again = false;

  /** A claimed email as it will be sent: written now when it is one written as it is sent. */
  async function written(email: ClaimedEmail): Promise<ClaimedEmail> {
    const { renderFrom } = email;
    if (!renderFrom) return email;
    const render = deps.renderers?.[email.kind];
    if (!render) throw new MailDeliveryError(`no renderer for ${email.kind} emails`, true);
    return deps.db.transaction(async (tx) => {
      const content = await render(tx, { renderFrom, createdAt: email.createdAt });
      if (!content)
        throw new MailDeliveryError('nothing left to send: its ticket or recipient is gone', true);
      const headers = content.headers ?? {};
      await createOutboxRepo(tx).writeContent(email.id, {
        toAddress: content.to,
        subject: content.subject,
        textBody: content.text,
        htmlBody: content.html,
        headers,
        kind: email.kind,
      });
      return { ...email, ...content, headers, renderFrom: null };
    });
  }

  /** Sends one email; answers true when it went, and records a failure itself. */
  async function deliver(email: ClaimedEmail): Promise<boolean> {
    try {
      const ready = await written(email);
      await transport.send({
        messageId: ready.messageId,
        from: deps.from,
        to: ready.to,
        subject: ready.subject,
        text: ready.text,
        html: ready.html,
        headers: ready.headers,
      });
    } catch (error) {
      const failure =
        error instanceof MailDeliveryError
          ? error
          : new MailDeliveryError(scrub(error instanceof Error ? error.message : String(error), []), false);
      if (failure.permanent || email.attempts >= options.maxAttempts) {
        const reason = failure.permanent
          ? failure.message
          : `gave up after ${email.attempts} attempts: ${failure.message}`;
        logger.warn({ emailId: email.id, attempts: email.attempts, err: reason }, 'email failed for good');
        await repo.markFailed(email.id, reason);
      } else {
        const delay = retryDelayMs(email.attempts, options.backoff, options.random);
        logger.info({ emailId: email.id, attempts: email.attempts, delayMs: delay }, 'email will be retried');
        await repo.markRetry(email.id, failure.message, delay);
      }
      return false;
    }
    return true;
  }

  async function runOnce(): Promise<number> {
    const claimed = await repo.claim(options.batchSize, options.lockMs);
    // A row a crashed worker left mid-send counts that attempt too; past the limit it is not sent again.
    const due = [];
    for (const email of claimed) {
      if (email.attempts > options.maxAttempts) {
        await repo.markFailed(email.id, `gave up after ${email.attempts - 1} attempts`);
      } else {
        due.push(email);
      }
    }
    const results = await Promise.allSettled(due.map(deliver));
    const sent = due.filter((_, index) => {
      const result = results[index];
      return result?.status === 'fulfilled' && result.value;
    });
    for (const result of results) {
      if (result.status === 'rejected') {
        // Marking failed (the database is down?): the lock runs out and the row is tried again.
        logger.warn({ err: result.reason as unknown }, 'could not record an email delivery');
      }
    }
    // The round's sent emails are marked together, one statement instead of one each. Should that
    // fail, their locks run out and they are sent again: at least once, as before.
    try {
      await repo.markSent(
        sent.map((email) => email.id),
        transport.name,
      );
    } catch (error) {
      logger.warn({ err: error }, 'could not record email deliveries');
    }
    return claimed.length;
  }

  /** Rounds until the outbox has nothing due, then sleeps until the next poll or wake. */
  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        const handled = await runOnce();
        if (handled >= options.batchSize) again = true;
      } catch (error) {
        logger.warn({ err: error }, 'outbox round failed; trying again at the next poll');
      }
    } while (again && running);
  }

  function kick(): void {
    if (!running) return;
    if (current) {
      again = true;
      return;
    }
    clearTimeout(timer);
    current = loop().finally(() => {
      current = undefined;
      if (running) timer = setTimeout(kick, options.pollIntervalMs).unref();
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      kick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
      transport.close?.();
    },
    wake: kick,
    runOnce,
  };
}
