import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end suites: real Chromium (and Electron where its binary exists), one file at a time by
 * default. `npm run test:e2e` runs tests/e2e two files at a time, then tests/reliability (which
 * kill browsers and hubs at random moments) alone.
 */
export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    include: ['tests/{e2e,reliability}/**/*.e2e.test.ts'],
    environment: 'node',
    // One PostgreSQL cluster for the run; suites get their own database on it.
    globalSetup: ['tests/support/pg-global-setup.ts'],
    // Hang detectors, not speed targets: a busy two-core machine runs these several times slower.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    expect: { poll: { timeout: 60_000 } },
    fileParallelism: false,
  },
});
