import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS_PATHS } from '../../src/server/features/metrics/metrics.registry.js';
import { call, createTestApp, type TestContext } from '../helpers/app.js';
import { loadManifests, probePaths } from './manifests.js';

let context: TestContext;
beforeAll(async () => {
  context = await createTestApp({ mail: { runWorker: false } });
});
afterAll(() => context.close());

describe('the paths deploy/ names are served by the real app', () => {
  it('answers 200 on every probe path of the Deployment and the image health check', async () => {
    const paths = probePaths(loadManifests());
    expect(paths).toEqual(expect.arrayContaining([OPERATIONS_PATHS.liveness, OPERATIONS_PATHS.readiness]));
    for (const path of paths) {
      const response = await call(context.app, 'GET', path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['content-type'], path).toMatch(/^application\/json/);
    }
  });

  it('serves every operations path, metrics to a direct (unproxied) scrape', async () => {
    for (const path of Object.values(OPERATIONS_PATHS)) {
      expect((await call(context.app, 'GET', path)).statusCode, path).toBe(200);
    }
  });
});
