import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { App } from './types.js';

/** Stands for the page's nonce in the policy worked out at start; replaced on every page. */
const NONCE_SLOT = 'csp-nonce-slot';

function policy(styleSrc: string[]): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc,
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // helmet's default; it would send http://localhost asset requests to https.
        upgradeInsecureRequests: null,
      },
    },
    // Browsers heed it only over https, so a plain-http localhost start keeps working.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  };
}

/** The headers helmet would set with these options, read once from a response that records them. */
function headersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = value;
    },
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}

const API_HEADERS = headersOf(policy(["'self'"]));
const PAGE_POLICY = headersOf(policy(["'self'", `'nonce-${NONCE_SLOT}'`]))['content-security-policy'] ?? '';

/**
 * Sets helmet's security headers on every response. They are worked out once at start: building
 * helmet's middleware for each request (as @fastify/helmet does) cost more than the rest of a
 * cached read's hooks together. Only the web app's page needs a fresh nonce (pageSecurity).
 */
export function registerSecurityHeaders(app: App): void {
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(API_HEADERS);
    done();
  });
}

/** A new style nonce for the web app's page (Mantine's <style> tags carry it) and the policy naming it. */
export function pageSecurity(): { nonce: string; policy: string } {
  const nonce = randomBytes(16).toString('hex');
  return { nonce, policy: PAGE_POLICY.replace(NONCE_SLOT, nonce) };
}
