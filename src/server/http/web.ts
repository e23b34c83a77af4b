import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { ErrorBody } from '../../shared/errors.js';
import { pageSecurity } from './security-headers.js';
import type { App } from './types.js';

/** Paths that always belong to the server, never to the single-page app. */
const SERVER_PATHS = /^\/(api|healthz|readyz)(\/|$)/;

/**
 * Serves the built web app: hashed assets as static files, and index.html for every other page
 * (the browser router takes it from there). The page carries the CSP nonce Mantine needs for its
 * <style> tags.
 */
export async function registerWebApp(app: App, webDir: string): Promise<void> {
  const indexPath = path.join(webDir, 'index.html');
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : undefined;
  if (indexHtml) {
    await app.register(fastifyStatic, {
      root: webDir,
      index: false,
      // One route per built file; `/` and every page fall through to index.html below.
      wildcard: false,
      maxAge: '1y',
      immutable: true,
      // index.html must never be cached: it names the current build's assets.
      allowedPath: (pathName) => pathName !== '/index.html',
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const pathName = request.url.split('?')[0] ?? '/';
    if ((request.method === 'GET' || request.method === 'HEAD') && !SERVER_PATHS.test(pathName)) {
      if (!indexHtml) {
        return reply
          .status(503)
          .type('text/plain')
          .send('The web app is not built yet: run `npm run build`.');
      }
      const { nonce, policy } = pageSecurity();
      return reply
        .header('cache-control', 'no-store')
        .header('content-security-policy', policy)
        .type('text/html; charset=utf-8')
        .send(indexHtml.replaceAll('__CSP_NONCE__', nonce));
    }
    const body: ErrorBody = {
      error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${pathName}` },
    };
    return reply.status(404).send(body);
  });
}
