// Builds the page into dist/renderer for both doors (the Electron window and the browser host). Relative asset
// paths, so it loads from a custom protocol or a file as well as from the loopback host; no inline script or
// style anywhere in the output, so the strict Content-Security-Policy in index.html holds.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Never turn an asset into a data: URL inside CSS or JS; every file is served from 'self'.
    assetsInlineLimit: 0,
    // The modulepreload polyfill is only for old browsers; Chromium has native support, so nothing is injected.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome140',
    // One bundle read from the local disk or loopback, never over a network: its size costs nothing worth splitting for.
    chunkSizeWarningLimit: 2000,
  },
});
