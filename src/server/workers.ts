import cluster, { type Worker } from 'node:cluster';
import type { FastifyBaseLogger } from 'fastify';

const RESTART_DELAY_MS = 1_000;

/**
 * The primary process of `WORKERS` > 1: forks that many app processes, which share the port (the
 * primary hands each new connection to the next one), starts another when one dies, and passes
 * SIGTERM/SIGINT on so every worker finishes its requests before the primary exits.
 */
export function superviseWorkers(count: number, logger: FastifyBaseLogger): void {
  let stopping: NodeJS.Signals | undefined;
  let failed = false;
  // Counted here: cluster.workers may still list a worker whose 'exit' has been emitted.
  const running = new Set<Worker>();
  const fork = () => running.add(cluster.fork());

  for (let index = 0; index < count; index++) fork();

  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker);
    if (stopping) {
      // Killed by the signal itself: a worker still starting up, with nothing in flight.
      if (code !== 0 && signal !== stopping) failed = true;
      if (running.size === 0) process.exit(failed ? 1 : 0);
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'app worker exited; starting another');
    // A short pause keeps a worker that cannot start from spinning the CPU.
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS).unref();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = signal;
    logger.info({ signal, workers: running.size }, 'shutting down: stopping the app workers');
    for (const worker of running) worker.process.kill(signal);
    if (running.size === 0) process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
