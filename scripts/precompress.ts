import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The built files worth compressing: text, above 1 KB (fonts and images are compressed already). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map|wasm)$/i;
const MIN_BYTES = 1024;

/**
 * Writes `file.br` (brotli, best quality: once, at build time) and `file.gz` beside every
 * compressible file under `dir`, for the static server to send as they are (@fastify/static
 * preCompressed). Returns the files written for, with their sizes.
 */
export function precompressDir(dir: string): { file: string; bytes: number; br: number; gz: number }[] {
  const out: { file: string; bytes: number; br: number; gz: number }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out.push(...precompressDir(path));
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const data = readFileSync(path);
    if (data.length < MIN_BYTES) continue;
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    const gz = gzipSync(data, { level: 9 });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    out.push({ file: path, bytes: data.length, br: br.length, gz: gz.length });
  }
  return out;
}

/** A Vite plugin: pre-compresses the build's output once it is written. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'campaign-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
