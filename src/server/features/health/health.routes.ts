import { Type } from 'typebox';
import type { Database } from '../../db/connection.js';
import type { App } from '../../http/types.js';

const Status = Type.Object({ status: Type.String() });

export function registerHealthRoutes(app: App, database: Database): void {
  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: Status } },
    },
    () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['operations'],
        summary: 'The database answers and every migration is applied',
        response: { 200: Status, 503: Status },
      },
    },
    async (_request, reply) => {
      const ready = await database.isReady();
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready' });
    },
  );
}
