import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
/** Where /api goes in `vite` (dev) and `vite preview`; npm start serves the API on port 3000. */
const apiTarget = process.env.OFFERLINE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    // The server (src/server/plugins/web-app.ts) serves this folder with a fallback to index.html.
    assetsDir: 'assets',
  },
  server: { proxy: { '/api': { target: apiTarget } } },
  preview: { proxy: { '/api': { target: apiTarget } } },
});
