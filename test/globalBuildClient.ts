import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * Builds the client with Vite, in production mode, into dist/client: once for all browser files.
 * E2E_SKIP_BUILD=1 reuses the build already there (e.g. when running one browser test at a time
 * beside another run that serves it: a build empties the folder first).
 */
export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD && existsSync(join(repoRoot, 'dist/client/index.html'))) return;
  const started = Date.now();
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repoRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  console.info(`[e2e] built client in ${Date.now() - started} ms`);
}
