import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestContext } from '../../../test/helpers/app.js';

let context: TestContext;
let webDir: string;

beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'ccr-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(
    path.join(webDir, 'index.html'),
    '<html><head><meta name="csp-nonce" content="__CSP_NONCE__"></head><body><div id="root"></div></body></html>',
  );
  await writeFile(path.join(webDir, 'assets', 'app-1234.js'), 'console.log("app")');
  context = await createTestApp({ webDir });
});
afterAll(async () => {
  await context.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it.each(['/', '/sign-in', '/admin/accounts?role=agent', '/customer/'])(
    'answers %s with index.html carrying this response’s style nonce',
    async (url) => {
      const response = await call(context.app, 'GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-store');
      const nonce = /style-src 'self' 'nonce-([a-f0-9]+)'/.exec(
        String(response.headers['content-security-policy']),
      )?.[1];
      expect(nonce).toBeDefined();
      expect(response.body).toContain(`<meta name="csp-nonce" content="${nonce}">`);
    },
  );

  it('gives every page a nonce of its own and API answers none', async () => {
    const styleNonce = (csp: unknown) => /style-src 'self' 'nonce-([a-f0-9]{32})'/.exec(String(csp))?.[1];
    const first = await call(context.app, 'GET', '/');
    const second = await call(context.app, 'GET', '/');
    expect(styleNonce(first.headers['content-security-policy'])).toBeDefined();
    expect(styleNonce(second.headers['content-security-policy'])).toBeDefined();
    expect(styleNonce(first.headers['content-security-policy'])).not.toBe(
      styleNonce(second.headers['content-security-policy']),
    );
    const api = await call(context.app, 'GET', '/api/v1/auth/session');
    expect(String(api.headers['content-security-policy'])).toContain("style-src 'self';");
    expect(String(api.headers['content-security-policy'])).not.toContain('nonce');
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('serves built assets as long-cached files', async () => {
    const response = await call(context.app, 'GET', '/assets/app-1234.js');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log("app")');
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('keeps API and health paths out of the web app', async () => {
    const api = await call(context.app, 'GET', '/api/v1/unknown');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
    expect((await call(context.app, 'POST', '/sign-in')).statusCode).toBe(404);
  });

  it('says how to build the web app when it is missing', async () => {
    const bare = await createTestApp({ webDir: path.join(webDir, 'missing') });
    try {
      const response = await call(bare.app, 'GET', '/');
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
