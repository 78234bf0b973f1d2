import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    include: ['{shared,renderer,electron,server,scripts}/**/*.test.{ts,tsx}', 'tests/{lint,integration}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
