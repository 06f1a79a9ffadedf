import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the studio (studio/index.html) into dist/studio, served by the host. */
export default defineConfig({
  root: 'studio',
  plugins: [react()],
  build: { outDir: '../dist/studio', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } },
  },
});
