import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Projects:
 * - unit: pure rules (`*.unit.test.ts`), no database.
 * - pglite / postgres: the integration suite (`*.int.test.ts`), once on each database.
 * - web: React components in happy-dom (`src/web/**\/*.test.tsx`).
 * - e2e: whole journeys in Debian's Chromium against the built app (`test/e2e/*.e2e.test.ts`).
 * - cluster: several real app processes on one PostgreSQL server (`test/cluster/*.cluster.test.ts`).
 */
export default defineConfig({
  test: {
    // Vitest's default on two cores is one worker; the suite mostly waits on PostgreSQL, Chromium and
    // app processes, so two at a time finish sooner without starving either.
    maxWorkers: 2,
    projects: [
      {
        test: { name: 'unit', include: ['src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'] },
      },
      {
        test: {
          name: 'pglite',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          env: { TEST_DATABASE: 'pglite' },
          globalSetup: ['test/setup/global-database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['test/setup/global-database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['src/web/**/*.test.tsx', 'src/web/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['test/setup/web.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          env: { TEST_DATABASE: 'pglite' },
          globalSetup: ['test/setup/global-database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time: two cores are shared with the app under test.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'cluster',
          include: ['test/cluster/**/*.cluster.test.ts'],
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['test/setup/global-database.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
