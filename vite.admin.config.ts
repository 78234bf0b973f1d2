import { readFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const outDir = resolve(root, 'out/admin');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

/** The hub answers /admin with out/admin/index.html: the page is written under that name. */
const asIndexHtml: Plugin = {
  name: 'congvu-admin-index-html',
  apply: 'build',
  closeBundle() {
    renameSync(resolve(outDir, 'admin.html'), resolve(outDir, 'index.html'));
  },
};

/** The hub's administration console (npm run build:admin), served by the hub at /admin with hash routing. */
export default defineConfig({
  root: resolve(root, 'renderer'),
  base: '/admin/',
  resolve: { alias: { '@shared': resolve(root, 'shared') } },
  plugins: [react(), asIndexHtml],
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    outDir,
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2048,
    rollupOptions: { input: resolve(root, 'renderer/admin.html') },
  },
});
