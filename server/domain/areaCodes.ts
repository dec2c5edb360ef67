/**
 * What an NBS division code says by itself: its level, its parent, the levels below it. The one
 * home of this knowledge, pure and shared by the server and the client.
 * 2 digits: a province (省); 4: a city (地级市); 6: a county (区县); 9: a township (乡镇);
 * 12: a village (村/社区). The app opens on one root area (ROOT_AREA: a province or a city) and
 * its screens draw the levels below it.
 */
export type AreaLevel = 'province' | 'city' | 'county' | 'township' | 'village';
/** A level a root may be: the top of a dataset. */
export type RootLevel = 'province' | 'city';

export const LEVELS: readonly AreaLevel[] = ['province', 'city', 'county', 'township', 'village'];
export const CODE_LENGTH: Readonly<Record<AreaLevel, number>> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

const LEVEL_BY_LENGTH: Readonly<Record<number, AreaLevel>> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township', 12: 'village' };

/** The level of a code from its length; null for anything that is not 2, 4, 6, 9 or 12 digits. */
export function levelOfCode(code: string): AreaLevel | null {
  return /^\d+$/.test(code) ? LEVEL_BY_LENGTH[code.length] ?? null : null;
}

/** The level below `level`; null below a village. */
export function childLevel(level: AreaLevel): AreaLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/** `a` lies strictly above `b` (a province above a city, …). */
export function isAbove(a: AreaLevel, b: AreaLevel): boolean {
  return LEVELS.indexOf(a) < LEVELS.indexOf(b);
}

/** The levels strictly below `level`, top down: the levels a root's screens draw. */
export function levelsBelow(level: AreaLevel): AreaLevel[] {
  return LEVELS.slice(LEVELS.indexOf(level) + 1);
}

/** The level of an area's children; null for a village or a code that is not one. */
export function childLevelOfCode(code: string): AreaLevel | null {
  const level = levelOfCode(code);
  return level ? childLevel(level) : null;
}

/** The parent's code: a county's is its city's (4 digits); null for a province or a code that is not one. */
export function parentOfCode(code: string): string | null {
  const level = levelOfCode(code);
  if (!level || level === 'province') return null;
  return code.slice(0, CODE_LENGTH[LEVELS[LEVELS.indexOf(level) - 1]]);
}

/**
 * The parent below the root: null when the parent is the root (or above it), so an area's siblings
 * are all the root's children. Screens and the progress routes treat the root as implied.
 */
export function parentBelowRoot(code: string, root: string): string | null {
  const parent = parentOfCode(code);
  return parent && parent.length > root.length ? parent : null;
}

/** The codes from the root's child down to the area itself, e.g. ['512021', '512021101', '512021101201'] under 5120. */
export function codePath(code: string, root: string): string[] {
  return LEVELS.map((l) => CODE_LENGTH[l]).filter((n) => n > root.length && n <= code.length).map((n) => code.slice(0, n));
}

/** `code` is `scope` itself or lies inside it (codes nest by prefix). */
export function isWithin(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

/** A list of areas spans at most this many levels below its scope: a city's villages, a province's townships. */
export const MAX_LIST_DEPTH = 3;

/**
 * Why a list of `level` under `scope` (a parent, or the root) is too wide to send in one answer,
 * or null when it is not: a province's 34,000 villages are asked for one city (or county) at a time.
 */
export function listTooWide(scope: string, level: AreaLevel, field = 'parent'): string | null {
  const scopeLevel = levelOfCode(scope);
  if (!scopeLevel) return null;
  const depth = LEVELS.indexOf(level) - LEVELS.indexOf(scopeLevel);
  return depth > MAX_LIST_DEPTH
    ? `${field}: ${level} areas are listed for a ${LEVELS[LEVELS.indexOf(level) - MAX_LIST_DEPTH]} or a smaller area, not a whole ${scopeLevel} (${scope}): name a smaller one with ${field}=`
    : null;
}

/**
 * The most figures one progress answer holds: areas × indicators for a list, areas × month ends
 * for a value scale. Every indicator for a township's villages or a county's townships, one
 * indicator for a city's villages; beyond it an answer runs to megabytes (or a scale to 20,000
 * evaluations) that no screen asks for, and serialising alone outlasts the routes' time budget.
 */
export const MAX_FIGURES = 5000;

/** Why `areas` areas × `perArea` figures each are too many for one answer (see MAX_FIGURES), or null; `narrow` says how to ask for fewer. */
export function tooManyFigures(areas: number, perArea: number, unit: string, level: AreaLevel, scope: string, narrow: string): string | null {
  const figures = areas * perArea;
  return figures > MAX_FIGURES
    ? `${areas.toLocaleString('en')} ${level} areas under ${scope || 'the root'} × ${perArea} ${unit} = ${figures.toLocaleString('en')} figures, more than ${MAX_FIGURES.toLocaleString('en')} in one answer: ${narrow}`
    : null;
}
