import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and loaded by both hosts: Electron (app://) and
// the loopback server (dev:web, e2e). Relative base so both origins work.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    // Relative to root: out/renderer at the top of the repo.
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // No inline assets: the CSP allows only 'self' for scripts and styles.
    assetsInlineLimit: 0,
  },
});
