import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

/** The renderer as a plain web app (npm run web, end-to-end tests): same code, browser bridge. */
export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  resolve: { alias: { '@shared': resolve(root, 'shared') } },
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  // Loaded from disk or loopback, never over a slow network: one bundle is fine.
  build: { outDir: resolve(root, 'out/web'), emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 2048 },
});
