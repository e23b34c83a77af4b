import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { call, createTestApp, TEST_CONFIG, type TestContext } from '../../../../test/helpers/app.js';
import { createEmptyDatabase } from '../../../../test/helpers/database.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp();
});
afterAll(() => context.close());

describe('health checks', () => {
  it('answers /healthz and /readyz on a migrated database', async () => {
    expect((await call(context.app, 'GET', '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await call(context.app, 'GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready until the migrations are applied, then is', async () => {
    const empty = await createEmptyDatabase();
    const app = await buildApp({ database: empty.database, config: TEST_CONFIG });
    try {
      const before = await call(app, 'GET', '/readyz');
      expect(before.statusCode).toBe(503);
      expect(before.json()).toEqual({ status: 'not ready' });
      await empty.database.migrate();
      expect((await call(app, 'GET', '/readyz')).statusCode).toBe(200);
    } finally {
      await app.close();
      await empty.destroy();
    }
  });

  it('is not ready when the database is gone', async () => {
    const own = await createTestApp();
    await own.db.database.close().catch(() => undefined);
    const response = await call(own.app, 'GET', '/readyz');
    expect(response.statusCode).toBe(503);
    await own.app.close();
    await own.db.destroy();
  });
});
