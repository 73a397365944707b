import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { accessibleNames, patchAccessibleNames } from './scripts/vite-accessible-names';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The web app lives in src/web and is built into dist/web, which the Fastify server serves.
 * Every page is a React.lazy chunk (see src/web/nav.tsx), so the login route loads only the shell and the login form.
 */
export default defineConfig({
  root: here('./src/web'),
  publicDir: false,
  plugins: [react(), accessibleNames()],
  // the dev server pre-bundles dependencies without the plugins above: the same patch there
  optimizeDeps: {
    rolldownOptions: {
      plugins: [{ name: 'accessible-names', transform: (code: string, id: string) => patchAccessibleNames(code, id) }],
    },
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // read by scripts/bundle-budget.mjs (the first-screen budget checked at build)
    manifest: true,
    // minified sizes: the shared React + antd core chunk is ~320 kB and antd's table ~180 kB; anything past
    // 400 kB means a heavy library slipped into a shared chunk and deserves a look
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: [{ test: /node_modules[\\/]@rc-component[\\/](form|async-validator)[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': {
        target: 'http://localhost:3000',
        changeOrigin: false,
        // src/web/api/*.ts are the app's own modules (served as /api/client.ts etc.), not server routes
        bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
    },
  },
  preview: { port: 4173 },
});
