import { defineConfig } from 'vite';
import { devHttps } from './src/server/devHttps.ts';
import { peerstageServer } from './src/server/peerstagePlugin.ts';

// The hub: `npm run dev` serves it with signaling at /peerjs; `npm run build` writes dist/app,
// which `npm start` serves. PEERSTAGE_HTTPS=1 serves HTTPS with mkcert certificates.
export default defineConfig({
  plugins: [peerstageServer(), devHttps()],
  // Found up front rather than on first import, which reloads the page (or a running test).
  optimizeDeps: { include: ['mediabunny', 'peerjs', 'rxjs', 'tone', 'three', 'uqr', 'valibot'] },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2023',
  },
});
