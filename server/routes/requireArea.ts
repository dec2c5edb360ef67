import type { Queryable } from '../db/openDatabase.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';

/**
 * Throws unless an area with `code` exists, naming the field: 404 for an area asked for (a path or
 * a filter), 400 for one named in a body to be written.
 */
export async function requireArea(db: Queryable, field: string, code: string, named: 'asked' | 'written' = 'asked'): Promise<void> {
  if ((await db.query('SELECT 1 FROM areas WHERE code = $1', [code])).length > 0) return;
  const message = `${field}: no area with code ${code}`;
  throw named === 'asked' ? new NotFoundError(message) : new BadRequestError(message);
}
