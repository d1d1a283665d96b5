import { defineConfig } from 'vite';
import { libraryEntries } from './tools/libraryEntries.ts';

// The library: ESM only, dependencies left to the consumer's bundler. One bundle per entry of
// package.json's `exports` (the root and each layer's subpath); what entries share goes into
// chunks of its own, so a class is one class whichever entry it is imported from
// (`instanceof RoomError` holds for an error from either), and a consumer's bundler drops
// what it does not import (`"sideEffects": false`).
export default defineConfig({
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    lib: {
      entry: Object.fromEntries(libraryEntries(import.meta.dirname).map(({ name, source }) => [name, source])),
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      external: [/^mediabunny/, /^peerjs/, /^rxjs/, /^three/, /^tone/, /^valibot/],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
