/**
 * The renderer build: `src/renderer` → `out/renderer`, loaded from `app://` in Electron and
 * from the browser host over loopback. Both serve a strict CSP (script-src 'self', style-src
 * 'self'), so nothing may be inlined: no inline scripts, no data: fonts, no CDN.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [react()],
  publicDir: here('./src/renderer/public'),
  build: {
    outDir: here('./out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    // Inlined assets would become data: URIs (fonts are not allowed from data:).
    assetsInlineLimit: 0,
    // Chromium supports modulepreload natively; the polyfill would be extra code.
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
