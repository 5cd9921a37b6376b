// The dashboard's build (docs/dashboard.md): `npm run build:web` writes web/dist, which `cto serve`
// serves at `/`. Nothing inline: scripts and styles are files, as the Content-Security-Policy demands.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Data URIs only for images (img-src data:); fonts and scripts are files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
