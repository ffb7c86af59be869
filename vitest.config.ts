import { defineConfig } from 'vitest/config';

/**
 * Three tiers: pure unit tests, integration tests through app.inject on a fresh
 * database per file (embedded always, PostgreSQL when DATABASE_URL is set), and
 * browser journeys under Playwright (playwright.config.ts).
 */
const engines = ['embedded', ...(process.env.DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'test/e2e/**'],
        },
      },
      ...engines.map((engine) => ({
        test: {
          name: `int-${engine}`,
          include: ['test/**/*.int.test.ts'],
          env: { OFFERLINE_TEST_ENGINE: engine },
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
    ],
  },
});
