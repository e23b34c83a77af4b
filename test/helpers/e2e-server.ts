import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildApp, DEFAULT_WEB_DIR, type AppDeps } from '../../src/server/app.js';
import { createUsersService } from '../../src/server/features/users/users.service.js';
import type { App } from '../../src/server/http/types.js';
import { TEST_CONFIG } from './app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const E2E_ADMIN = { email: 'admin@shop.example', password: 'admin password 1', fullName: 'Ada Admin' };

export interface E2EServer {
  app: App;
  db: TestDatabase;
  url: string;
  close(): Promise<void>;
  /**
   * Stops the app and starts a new one on the same port and database (open pages lose their
   * connections); `meanwhile` runs on the new app before it listens, while no page can reach it.
   */
  restart(meanwhile?: (app: App) => Promise<void>): Promise<void>;
}

/** Running servers by URL, so browser helpers can reach the database behind a page. */
const running = new Map<string, E2EServer>();

/** The e2e server a page is on (by its origin). */
export function serverAt(origin: string): E2EServer {
  const server = running.get(origin);
  if (!server) throw new Error(`no e2e server at ${origin}`);
  return server;
}

/** The built app on a random port with its own database and one admin; `overrides` e.g. a real SMTP transport. */
export async function startE2EServer(overrides: Partial<AppDeps> = {}): Promise<E2EServer> {
  if (!existsSync(path.join(DEFAULT_WEB_DIR, 'index.html'))) {
    throw new Error('The web app is not built: run `npm run build` first (npm test does).');
  }
  const db = await createTestDatabase();
  await createUsersService(db.database.db).createUser({
    ...E2E_ADMIN,
    role: 'admin',
    emailConfirmedAt: new Date(),
  });
  const app = await buildApp({ database: db.database, config: TEST_CONFIG, ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('server has no address');
  const port = address.port;
  const server: E2EServer = {
    app,
    db,
    url: `http://127.0.0.1:${port}`,
    async close() {
      running.delete(server.url);
      await server.app.close();
      await db.destroy();
    },
    async restart(meanwhile) {
      await server.app.close();
      const next = await buildApp({ database: db.database, config: TEST_CONFIG, ...overrides });
      await next.ready();
      await meanwhile?.(next);
      await next.listen({ port, host: '127.0.0.1' });
      server.app = next;
    },
  };
  running.set(server.url, server);
  return server;
}
