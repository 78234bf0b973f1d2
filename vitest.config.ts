import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    include: ['{shared,node-shared,renderer,electron,server,scripts}/**/*.test.{ts,tsx}', 'tests/{lint,integration,build}/**/*.test.ts'],
    environment: 'node',
    // One PostgreSQL cluster for the run; suites get their own database on it.
    globalSetup: ['tests/support/pg-global-setup.ts'],
    // Most suites wait on child processes (hubs, PostgreSQL, openssl, poppler): two files at a time
    // even on two cores (vitest's default leaves one core idle).
    maxWorkers: 2,
    // Hang detectors, not speed targets: on a busy two-core machine a hub CLI run alone takes
    // seconds, and the tests that make several of them take a minute or more.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // What is waited for with expect.poll is a state to be reached, however long the machine takes.
    expect: { poll: { timeout: 60_000 } },
  },
});
