// The wizard is bundled once, at build time, into dist/ (index.html + assets/*), which the
// tectonic binary embeds. No inline scripts or styles: the server's CSP is default-src 'self'.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
  },
});
