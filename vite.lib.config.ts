import { defineConfig } from 'vite';

// The library: ESM only, dependencies left to the consumer's bundler.
export default defineConfig({
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'peerstage' },
    rolldownOptions: { external: [/^mediabunny/, /^peerjs/, /^rxjs/, /^three/, /^tone/, /^valibot/] },
  },
});
