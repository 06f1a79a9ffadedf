import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (pure, no services), `db` (files named *.db.test.ts, each gets a fresh
 * PostgreSQL database cloned from a migrated template) and `browser` (test/browser, drives the built
 * studio in Chromium). test/run-all.ts decides which run and against which PostgreSQL servers.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{runtime,registry,plugins,workflows,eval,studio,test}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.db.test.ts', 'test/browser/**', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'db',
          include: ['**/*.db.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['test/support/db-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/browser-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
