/**
 * The renderer build: `src/renderer` → `out/renderer`, loaded from `app://` in Electron and
 * from the browser host over loopback. Both serve a strict CSP (script-src 'self', style-src
 * 'self'), so nothing may be inlined: no inline scripts, no data: fonts, no CDN.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * react-zoom-pan-pinch injects its stylesheet as an inline <style> when it loads, which our CSP
 * refuses (and reports). Its few rules live in features/viewer/viewer.css instead; this drops
 * the injection, and fails the build if a new version injects differently, so the CSP never
 * silently reports again.
 */
function noInlineStyleInjection(): Plugin {
  return {
    name: 'agent-desk:no-inline-style-injection',
    transform(code, id) {
      if (!/[\\/]react-zoom-pan-pinch[\\/]dist[\\/]/.test(id)) return null;
      const stripped = code.replace(/^styleInject\(css_\w+\);$/m, '');
      if (stripped === code) this.error('react-zoom-pan-pinch no longer calls styleInject(css_…) as expected: check that it injects no inline <style> (CSP).');
      return { code: stripped, map: null };
    },
  };
}

export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [react(), noInlineStyleInjection()],
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
