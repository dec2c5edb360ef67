/**
 * The client imports from `server/` only pure domain modules (server/domain/**, values or types)
 * and schema/response types (`import type`, never bundled). A value import of anything else, or
 * any import of the web layer or database (routes, plugins, db, app, main, config), fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerImport {
  /** The imported module, relative to the repository root (e.g. 'server/domain/areaCodes.ts'). */
  module: string;
  typeOnly: boolean;
}

/** Every import, re-export and `import('…')` type of a source text that resolves into server/. */
export function serverImports(source: string, file: string): ServerImport[] {
  const found: ServerImport[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
  const inline = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    const module = relative(root, resolve(dirname(file), specifier)).split('\\').join('/');
    if (module.startsWith('server/')) found.push({ module, typeOnly });
  };
  for (const m of source.matchAll(statement)) add(m[3], !!m[2]);
  for (const m of source.matchAll(inline)) add(m[1], true);
  return found;
}

/** Why an import breaks the rule; null when it keeps it. */
export function ruleBroken(imp: ServerImport): string | null {
  if (/^server\/domain\//.test(imp.module)) return null;
  if (/^server\/(routes|plugins|db)\/|^server\/(app|main|config)\.ts$/.test(imp.module)) return 'imports the web layer or the database';
  if (!imp.typeOnly) return 'a value import from outside server/domain';
  if (imp.module === 'server/schemas.ts') return null;
  return 'a type from a server service: response shapes live in server/domain/responses.ts';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('client imports from server/', () => {
  it('finds value, type, re-export and inline type imports', () => {
    const file = join(root, 'client/x/y.ts');
    const source = [
      "import { isBehind } from '../../server/domain/progressStatus.ts';",
      "import type { Summary } from '../../server/progress/progressService.ts';",
      "export type { X } from '../../server/routes/areas/index.ts';",
      "import { hashToken } from '../../server/plugins/auth.ts';",
      "type M = import('../../server/parks/other.ts').M;",
      "import { local } from '../z.ts';",
    ].join('\n');
    const found = serverImports(source, file);
    expect(found).toEqual([
      { module: 'server/domain/progressStatus.ts', typeOnly: false },
      { module: 'server/progress/progressService.ts', typeOnly: true },
      { module: 'server/routes/areas/index.ts', typeOnly: true },
      { module: 'server/plugins/auth.ts', typeOnly: false },
      { module: 'server/parks/other.ts', typeOnly: true },
    ]);
    expect(found.map(ruleBroken)).toEqual([
      null,
      'a type from a server service: response shapes live in server/domain/responses.ts',
      'imports the web layer or the database',
      'imports the web layer or the database',
      'a type from a server service: response shapes live in server/domain/responses.ts',
    ]);
    expect(ruleBroken({ module: 'server/schemas.ts', typeOnly: true })).toBeNull();
    expect(ruleBroken({ module: 'server/schemas.ts', typeOnly: false })).toBe('a value import from outside server/domain');
    expect(ruleBroken({ module: 'server/progress/progressService.ts', typeOnly: false })).toBe('a value import from outside server/domain');
  });

  it('every client file keeps the rule', () => {
    const broken = sourceFiles(join(root, 'client')).flatMap((file) =>
      serverImports(readFileSync(file, 'utf8'), file)
        .map((imp) => ({ file: relative(root, file), ...imp, why: ruleBroken(imp) }))
        .filter((x) => x.why !== null),
    );
    expect(broken).toEqual([]);
  });
});
