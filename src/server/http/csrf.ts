import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '../../shared/errors.js';
import { AppError } from '../errors.js';
import type { App } from './types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery defence for the cookie-authenticated API (OWASP: custom request header
 * plus origin verification). A browser only sends a custom header cross-origin after a CORS
 * preflight, which this app never grants; the Origin / Sec-Fetch-Site checks refuse the rest.
 */
export function registerCsrfProtection(app: App, publicUrl: string): void {
  const publicOrigin = new URL(publicUrl).origin;

  app.addHook('onRoute', (route) => {
    if (route.config?.csrf === false && route.config.access !== 'public') {
      throw new Error(
        `Route ${String(route.method)} ${route.url} may not skip the CSRF check: it is not public`,
      );
    }
  });

  app.addHook('onRequest', (request, _reply, done) => {
    done(isForgeryRisk(request, publicOrigin) ? rejection() : undefined);
  });
}

const rejection = () =>
  new AppError('CSRF_REJECTED', 403, 'This request was refused as a possible cross-site request');

function isForgeryRisk(request: FastifyRequest, publicOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return false;
  // A public route that declared itself exempt (what it does needs a secret token, not a session).
  if (request.routeOptions.config.csrf === false) return false;
  if (request.headers[CSRF_HEADER] !== '1') return true;
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  return (
    origin !== undefined && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`
  );
}
