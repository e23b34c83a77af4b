import { Type } from 'typebox';
import type { Db } from '../../db/connection.js';
import { notFound } from '../../errors.js';
import type { App } from '../../http/types.js';
import { createAppMetrics, OPERATIONS_PATHS } from './metrics.registry.js';
import { createMetricsRepo } from './metrics.repo.js';

export interface MetricsRouteDeps {
  db: Db;
  liveConnections: () => number;
}

/** Headers a reverse proxy or load balancer adds; Prometheus scraping a pod directly sends none. */
const RELAYED = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * GET /metrics in the Prometheus text format, and the request duration of every route. Not under /api:
 * it is for the scraper inside the cluster, so a request relayed by a proxy (the Ingress) answers 404
 * even when the proxy forgets to block the path.
 */
export function registerMetricsRoutes(app: App, deps: MetricsRouteDeps): void {
  const metrics = createAppMetrics({
    liveConnections: deps.liveConnections,
    repo: createMetricsRepo(deps.db),
    onCollectError: (error) => app.log.warn({ err: error }, 'metrics: outbox backlog query failed'),
  });

  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      {
        method: request.method,
        // The pattern (`/api/v1/tickets/:id`), so ids never become labels; unmatched URLs share one.
        route: request.routeOptions.url ?? 'unmatched',
        statusCode: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
    done();
  });

  app.get(
    OPERATIONS_PATHS.metrics,
    {
      logLevel: 'warn',
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics of this instance (only reachable from inside the cluster)',
        querystring: Type.Object({}),
      },
    },
    async (request, reply) => {
      if (RELAYED.some((header) => request.headers[header] !== undefined)) throw notFound();
      return reply.type(metrics.contentType).send(await metrics.render());
    },
  );
}
