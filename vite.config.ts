import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server the dev server forwards /api and /fhir to (`npm run dev` runs it on 3000 by default).
// eslint-disable-next-line no-restricted-properties -- build tooling, not the server's configuration
const apiTarget = process.env.HOSPITIUM_API ?? 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Read by scripts/web-build-report.ts to measure what each first page really loads.
    manifest: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/fhir': { target: apiTarget, changeOrigin: false },
      '/healthz': apiTarget,
    },
  },
});
