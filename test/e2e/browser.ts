/** What the browser tests share: the client build, Debian's Chromium and its flags. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = join(repoRoot, 'dist', 'client');
export const artifactsDir = join(repoRoot, 'test-artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

/** Fails under CI without Chromium; elsewhere says clearly that the browser tests are skipped. */
export function checkChromium(suite: string): void {
  if (!haveChromium && process.env.CI) throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH); required when CI is set`);
  if (!haveChromium) console.warn(`[e2e] SKIPPED ${suite}: no Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH`);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Builds the client with Vite, in production mode, into dist/client. */
export async function buildClient(): Promise<number> {
  const started = Date.now();
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repoRoot, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return Date.now() - started;
}

export function launchChromium(env: Record<string, string> = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, env: { ...process.env, ...env } as Record<string, string>, args: CHROMIUM_ARGS });
}
