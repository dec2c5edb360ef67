import type { Queryable } from '../db/openDatabase.ts';
import type { AreaLevel } from '../domain/areaCodes.ts';
import { ConfigError } from '../config.ts';

/** The area the app opens on: lists without a parent are the areas inside it. */
export interface RootArea {
  code: string;
  level: AreaLevel;
  name: string;
}

/** The shipped city: the default root when the database has it (a province dataset includes it). */
export const SHIPPED_CITY = '5120';

/**
 * The configured root (ROOT_AREA), which must exist; unset, the shipped city if present, else the
 * dataset's top area (the shortest code without a parent). Null only for a database without areas.
 */
export async function resolveRoot(db: Queryable, configured: string | null): Promise<RootArea | null> {
  const pick = (code: string) => db.query<RootArea>('SELECT code, level, name FROM areas WHERE code = $1', [code]);
  if (configured) {
    const [root] = await pick(configured);
    if (!root) throw new ConfigError(`ROOT_AREA: there is no area with code ${configured} in the database`);
    return root;
  }
  const [city] = await pick(SHIPPED_CITY);
  if (city) return city;
  const [top] = await db.query<RootArea>('SELECT code, level, name FROM areas WHERE parent_code IS NULL ORDER BY length(code), code LIMIT 1');
  return top ?? null;
}

/** The prefix a list without a parent is restricted to: the root's code ('' without a root). */
export const rootPrefix = (root: RootArea | null): string => root?.code ?? '';
