import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestContext } from '../../../../test/helpers/app.js';
import { sessions, type UserRow } from '../../db/schema.js';
import { createPresenceService, ONLINE_WITHIN_MS } from './presence.service.js';

let context: TestContext;
const now = new Date('2031-05-06T07:08:09.000Z');

beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
});
afterAll(() => context.close());

const presence = () => createPresenceService(context.db.database.db, () => now);
let sequence = 0;

async function session(user: UserRow, lastSeenAgoMs: number) {
  await context.db.database.db.insert(sessions).values({
    tokenHash: `presence-test-${++sequence}`,
    userId: user.id,
    createdAt: new Date(now.getTime() - 3_600_000),
    lastSeenAt: new Date(now.getTime() - lastSeenAgoMs),
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
}

describe('presence', () => {
  it('is offline without any session', async () => {
    const user = await createUser(context, 'customer');
    expect(await presence().isOnline(user.id)).toBe(false);
  });

  it(`is online while one of the user's sessions was seen within ${ONLINE_WITHIN_MS / 1000} s`, async () => {
    const user = await createUser(context, 'agent');
    await session(user, ONLINE_WITHIN_MS + 1);
    expect(await presence().isOnline(user.id)).toBe(false);
    await session(user, ONLINE_WITHIN_MS - 1000);
    expect(await presence().isOnline(user.id)).toBe(true);
  });

  it('counts only the user’s own sessions', async () => {
    const [away, around] = [await createUser(context, 'customer'), await createUser(context, 'customer')];
    await session(around, 0);
    expect(await presence().isOnline(away.id)).toBe(false);
    expect(await presence().isOnline(around.id)).toBe(true);
  });
});
