import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/** The renderer as a plain web app (npm run web, end-to-end tests): same code, browser bridge. */
export default defineConfig({
  root: resolve(root, 'renderer'),
  base: './',
  resolve: { alias: { '@shared': resolve(root, 'shared') } },
  plugins: [react()],
  build: { outDir: resolve(root, 'out/web'), emptyOutDir: true, reportCompressedSize: false },
});
