import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createTestApp,
  createUser,
  getSession,
  knownDeviceSignIn,
  sessionCookie,
  sessionStatus,
  signedIn,
  TEST_CONFIG,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database.js';
import type { SessionResponse } from '../../../shared/contracts/auth.js';
import { queryRows, type Unlisten } from '../../db/connection.js';
import { SIGN_INS_CHANGED_CHANNEL } from './session-cache.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

const session = (cookie: string) => getSession(context.app, cookie);
const status = (cookie: string) => sessionStatus(context.app, cookie);

/** The app's listening connection for the cache, as pg_stat_activity shows it. */
const isCacheListener = sql`datname = current_database() and query = ${`listen "${SIGN_INS_CHANGED_CHANNEL}"`}`;

/** A change made as another app instance would: straight in the database, unseen by this process. */
const elsewhere = (statement: ReturnType<typeof sql>) => context.db.database.db.execute(statement);

/**
 * Ends the user's sessions without the triggers that tell the instances (as a replica would apply
 * it): afterwards only a cached session can still sign the user in.
 */
const endSessionsUntold = (userId: string) =>
  context.db.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`delete from sessions where user_id = ${userId}`);
  });

/** Records what the triggers of migration 0014 notify. */
async function notified(): Promise<{ payloads: string[]; stop: Unlisten }> {
  const payloads: string[] = [];
  const stop = await context.db.database.listen([SIGN_INS_CHANGED_CHANNEL], (_channel, payload) =>
    payloads.push(payload),
  );
  return { payloads, stop };
}

describe('the session cache', () => {
  it('answers a signed-in request from the session it read before, without reading it again', async () => {
    const { user, cookie } = await signedIn(context, 'customer');
    expect(await status(cookie)).toBe(200);
    await endSessionsUntold(user.id);
    // Without the cache this is a 401: the session row is gone.
    expect(await status(cookie)).toBe(200);
  });

  it('signs a user out here at once when another instance ends their session', async () => {
    const { user, cookie } = await signedIn(context, 'customer');
    expect(await status(cookie)).toBe(200);
    await elsewhere(sql`delete from sessions where user_id = ${user.id}`);
    await vi.waitFor(async () => expect(await status(cookie)).toBe(401), { timeout: 2_000 });
  });

  it('reads the account again when another instance deactivates or renames it', async () => {
    const renamed = await signedIn(context, 'agent');
    expect((await session(renamed.cookie)).json<SessionResponse>().user.fullName).toBe('Test agent');
    await elsewhere(sql`update users set full_name = 'Renamed Agent' where id = ${renamed.user.id}`);
    await vi.waitFor(
      async () =>
        expect((await session(renamed.cookie)).json<SessionResponse>().user.fullName).toBe('Renamed Agent'),
      { timeout: 2_000 },
    );

    const deactivated = await signedIn(context, 'agent');
    expect(await status(deactivated.cookie)).toBe(200);
    await elsewhere(sql`update users set status = 'deactivated' where id = ${deactivated.user.id}`);
    await vi.waitFor(async () => expect(await status(deactivated.cookie)).toBe(401), { timeout: 2_000 });
  });

  it('forgets every session when a setting changes (the staff two-step policy is part of a sign-in)', async () => {
    const { user, cookie } = await signedIn(context, 'admin');
    expect(await status(cookie)).toBe(200);
    await endSessionsUntold(user.id);
    await elsewhere(sql`insert into app_settings (key, value) values ('cache_test', '1'::jsonb)`);
    await vi.waitFor(async () => expect(await status(cookie)).toBe(401), { timeout: 2_000 });
  });

  it('is told of changes that matter, not of routing times or two-step steps', async () => {
    const { user } = await signedIn(context, 'agent');
    const { payloads, stop } = await notified();
    try {
      await elsewhere(
        sql`update users set last_assigned_at = now(), totp_last_step = 1, updated_at = now() where id = ${user.id}`,
      );
      await elsewhere(sql`update users set preferred_language = 'ta' where id = ${user.id}`);
      await elsewhere(sql`insert into app_settings (key, value) values ('cache_test_2', '1'::jsonb)`);
      await elsewhere(
        sql`insert into app_settings (key, value) values ('cache_test_2', '2'::jsonb) on conflict do nothing`,
      );
      await elsewhere(sql`delete from sessions where user_id = ${user.id}`);
      // Notifications arrive in commit order: had the first update notified, it would come first.
      await vi.waitFor(() => expect(payloads).toEqual([user.id, '*', user.id]), { timeout: 2_000 });
    } finally {
      await stop();
    }
  });

  it('reads a session that looks idle in the cache again: another instance may have seen it since', async () => {
    let now = new Date('2026-03-01T09:00:00Z');
    const clocked = await createTestApp({
      now: () => now,
      config: { ...TEST_CONFIG, sessionIdleMinutes: 30 },
    });
    try {
      const user = await createUser(clocked, 'customer');
      const cookie = sessionCookie(
        await knownDeviceSignIn(clocked, { email: user.email, password: TEST_PASSWORD }, { now: () => now }),
      );
      const clockedStatus = () => sessionStatus(clocked.app, cookie);
      expect(await clockedStatus()).toBe(200);
      // Another instance served the session 20 minutes later (touching it is not announced).
      await clocked.db.database.db.execute(
        sql`update sessions set last_seen_at = ${new Date(now.getTime() + 20 * 60_000).toISOString()}::timestamptz
            where user_id = ${user.id}`,
      );
      now = new Date(now.getTime() + 31 * 60_000);
      expect(await clockedStatus()).toBe(200);
    } finally {
      await clocked.close();
    }
  });

  // Only a server's listening connection can be lost; PGlite's notifications stay in its process.
  if (testDatabaseKind() === 'postgres') {
    it('stops caching while its listening connection is lost, and caches again once it is back', async () => {
      const first = await signedIn(context, 'customer');
      expect(await status(first.cookie)).toBe(200);
      await elsewhere(sql`select pg_terminate_backend(pid) from pg_stat_activity where ${isCacheListener}`);
      // Notifications sent now are missed, so nothing cached may be trusted: this one reads the database.
      await endSessionsUntold(first.user.id);
      await vi.waitFor(async () => expect(await status(first.cookie)).toBe(401), { timeout: 2_000 });

      const second = await signedIn(context, 'customer');
      await vi.waitFor(
        async () => {
          expect(await status(second.cookie)).toBe(200);
          const listeners = await queryRows(
            context.db.database.db,
            sql`select 1 from pg_stat_activity where ${isCacheListener}`,
          );
          expect(listeners).toHaveLength(1);
        },
        { timeout: 5_000 },
      );
      expect(await status(second.cookie)).toBe(200);
      await endSessionsUntold(second.user.id);
      expect(await status(second.cookie)).toBe(200);
    });
  }
});
