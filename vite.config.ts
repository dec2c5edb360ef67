import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  base: '/',
  // The built files also as .br and .gz, sent as they are by the server (no compression per request).
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // deck.gl and luma.gl in one chunk, loaded when a screen first draws a deck layer: luma's
          // own dynamic imports (its WebGL device) are then already there, and a wall whose server
          // goes away after that chunk came keeps drawing its columns.
          groups: [
            // Vite's preload helper is used by the page's own lazy imports too: kept out of the deck chunk, or the page would load that chunk at once.
            { name: 'preload', test: /preload-helper/, priority: 2 },
            { name: 'deck', test: /node_modules[\\/](@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl|mjolnir\.js)[\\/]/ }],
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        // client/api/*.ts are modules of this app, not API routes: let Vite serve them.
        bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
      '/glyphs': 'http://127.0.0.1:8080',
    },
  },
});
