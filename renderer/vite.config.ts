import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is built once and loaded by both hosts: Electron (app://) and
// the loopback server (dev:web, e2e). Relative base so both origins work.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // No inline assets: the CSP allows only 'self' for scripts and styles.
    assetsInlineLimit: 0,
  },
});
