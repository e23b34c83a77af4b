import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsRepo } from './metrics.repo.js';

/**
 * Paths the app serves for operators, outside /api and outside the web app. The Kubernetes probes and
 * the container health check must use these (test/deploy checks the manifests against this list).
 */
export const OPERATIONS_PATHS = { liveness: '/healthz', readiness: '/readyz', metrics: '/metrics' } as const;

export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/**
 * Node's own metrics (CPU, memory, event loop, GC) describe the process, not one app: tests build many
 * apps in one process, and each collectDefaultMetrics call would add observers that are never removed.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface MetricsSources {
  /** WebSocket clients connected to this instance. */
  liveConnections(): number;
  repo: MetricsRepo;
  /** A failed outbox count must not fail the scrape; the gauges keep their last values. */
  onCollectError(error: unknown): void;
}

/** The metrics of one app instance, plus the process metrics, in the Prometheus text format. */
export function createAppMetrics(sources: MetricsSources) {
  const registry = new Registry();

  const httpDuration = new Histogram({
    name: 'ccr_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern (never the raw URL) and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });

  new Gauge({
    name: 'ccr_live_connections',
    help: 'Live conversation WebSocket clients connected to this instance',
    registers: [registry],
    collect() {
      this.set(sources.liveConnections());
    },
  });

  const outboxEmails = new Gauge({
    name: 'ccr_outbox_emails',
    help: 'Emails in the outbox by status (pending: waiting to be sent or retried; failed: given up)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const oldestDue = new Gauge({
    name: 'ccr_outbox_oldest_due_seconds',
    help: 'How long the oldest due email has waited past its send time (a stuck worker or mail provider)',
    registers: [registry],
  });
  // One query feeds both outbox gauges, once per scrape however many scrapes overlap.
  let backlogScrape: Promise<void> | undefined;
  const refreshBacklog = async () => {
    try {
      const backlog = await sources.repo.outboxBacklog();
      outboxEmails.set({ status: 'pending' }, backlog.pending);
      outboxEmails.set({ status: 'failed' }, backlog.failed);
      oldestDue.set(backlog.oldestDueSeconds);
    } catch (error) {
      sources.onCollectError(error);
    }
  };

  const combined = Registry.merge([processMetrics(), registry]);

  return {
    contentType: combined.contentType,
    observeRequest(labels: { method: string; route: string; statusCode: number }, seconds: number) {
      httpDuration.observe(
        { method: labels.method, route: labels.route, status_code: String(labels.statusCode) },
        seconds,
      );
    },
    async render(): Promise<string> {
      backlogScrape ??= refreshBacklog().finally(() => (backlogScrape = undefined));
      await backlogScrape;
      return combined.metrics();
    },
  };
}

export type AppMetrics = ReturnType<typeof createAppMetrics>;
