import { listTooWide, type AreaLevel } from '../domain/areaCodes.ts';
import { BadRequestError } from '../errors.ts';
import { rootPrefix, type RootArea } from './rootArea.ts';

/**
 * The code prefix a list of `level` is restricted to: the parent asked for, else the root; a 400
 * when that spans too many levels to answer at once (a province's villages).
 */
export function listScope(root: RootArea | null, parent: string | null | undefined, level: AreaLevel, field = 'parent'): string {
  const scope = parent ?? rootPrefix(root);
  const tooWide = listTooWide(scope, level, field);
  if (tooWide) throw new BadRequestError(tooWide);
  return scope;
}
