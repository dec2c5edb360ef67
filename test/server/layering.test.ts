import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/preparedEmbedded.ts';

const serverDir = join(repoRoot, 'server');

/** Every .ts file under `dir`, as paths relative to server/ with forward slashes. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(serverDir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

// Uppercase keywords, as the project writes SQL; English prose in summaries is lower case.
const SQL_SIGNS: [string, RegExp][] = [
  ['SELECT', /\bSELECT\b/],
  ['INSERT INTO', /\bINSERT\s+INTO\b/],
  ['UPDATE … SET', /\bUPDATE\s+\w+\s+SET\b/],
  ['DELETE FROM', /\bDELETE\s+FROM\b/],
  ['WITH … AS (', /\bWITH\s+\w+\s+AS\s*\(/],
  ['.query(', /\.query\s*[<(]/],
  ['.transaction(', /\.transaction\s*[<(]/],
];

/** The SQL signs found in a source text. */
export function sqlSigns(source: string): string[] {
  return SQL_SIGNS.filter(([, re]) => re.test(source)).map(([name]) => name);
}


describe('routes hold no SQL', () => {
  it('recognises SQL and its calls, and not the words in prose', () => {
    expect(sqlSigns("await app.db.query<{ n: number }>('SELECT 1')")).toEqual(['SELECT', '.query(']);
    expect(sqlSigns('tx.query(`UPDATE tasks SET status = $2 WHERE id = $1`)')).toEqual(['UPDATE … SET', '.query(']);
    expect(sqlSigns('INSERT INTO problems (id) VALUES ($1)')).toEqual(['INSERT INTO']);
    expect(sqlSigns('DELETE FROM sessions WHERE expires_at < now()')).toEqual(['DELETE FROM']);
    expect(sqlSigns('WITH v AS (SELECT 1) TABLE v')).toEqual(['SELECT', 'WITH … AS (']);
    expect(sqlSigns('return app.db.transaction(async (tx) => x)')).toEqual(['.transaction(']);
    expect(sqlSigns('const [row] = await app.db.query<{ meta: Record<string, unknown> }>(sql)')).toEqual(['.query(']);
    expect(sqlSigns("summary: 'Select the areas, update a task or delete a session', querystring: q")).toEqual([]);
  });

  it('no file under server/routes/ contains SQL or calls the database directly', () => {
    const routeFiles = tsFiles(join(serverDir, 'routes'));
    expect(routeFiles.length).toBeGreaterThan(15);
    const offenders = routeFiles
      .map((f) => ({ file: f, signs: sqlSigns(readFileSync(join(serverDir, f), 'utf8')) }))
      .filter((o) => o.signs.length > 0);
    expect(offenders).toEqual([]);
  });
});

/** The module paths a source file imports (static imports and re-exports). */
export function importedPaths(source: string): string[] {
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** Does the file import Fastify's error types (FastifyError, @fastify/error, createError)? */
export function importsFastifyErrors(source: string): boolean {
  return /import[^;]*\bFastifyError\b[^;]*from\s+['"]fastify['"]/.test(source) || /from\s+['"]@fastify\/error['"]/.test(source);
}

/** The web layer: plugins, the routes and the app that registers them. */
const isWebLayer = (f: string) => f.startsWith('plugins/') || f.startsWith('routes/') || f === 'app.ts';

describe('services do not depend on the web layer', () => {
  it('reads imports and Fastify error types', () => {
    const src = "import { x } from '../plugins/errors.ts';\nimport type { FastifyError } from 'fastify';\nexport { y } from './y.ts';";
    expect(importedPaths(src)).toEqual(['../plugins/errors.ts', 'fastify', './y.ts']);
    expect(importsFastifyErrors(src)).toBe(true);
    expect(importsFastifyErrors("import createError from '@fastify/error';")).toBe(true);
    expect(importsFastifyErrors("import type { FastifyInstance } from 'fastify';")).toBe(false);
  });

  it('no module outside plugins/, routes/ and app.ts imports from plugins/ or Fastify\'s error types', () => {
    const files = tsFiles(serverDir).filter((f) => !isWebLayer(f));
    expect(files.length).toBeGreaterThan(40);
    const offenders = files.flatMap((f) => {
      const source = readFileSync(join(serverDir, f), 'utf8');
      const bad = importedPaths(source).filter((p) => /(^|\/)plugins\//.test(p));
      if (importsFastifyErrors(source)) bad.push('fastify error types');
      return bad.map((b) => `${f} imports ${b}`);
    });
    expect(offenders).toEqual([]);
  });

  it('the error classes live in server/errors.ts, which imports nothing of the web', () => {
    const source = readFileSync(join(serverDir, 'errors.ts'), 'utf8');
    expect(importedPaths(source)).toEqual([]);
    for (const name of ['NotFoundError', 'BadRequestError', 'UnauthorizedError', 'ForbiddenError', 'ConflictError', 'RuleError', 'TooManyRequestsError', 'StatementTimeoutError']) {
      expect(source).toContain(`export class ${name} extends Error`);
    }
  });
});
