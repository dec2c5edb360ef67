/**
 * What an NBS division code says by itself: its level, its parent, the levels below it. The one
 * home of this knowledge, pure and shared by the server and the client.
 * 4 digits: the city (地级市); 6: a county (区县); 9: a township (乡镇); 12: a village (村/社区).
 */
export type AreaLevel = 'city' | 'county' | 'township' | 'village';
/** The levels the map draws and the progress routes rank: the city's descendants. */
export type SubLevel = Exclude<AreaLevel, 'city'>;

export const LEVELS: readonly AreaLevel[] = ['city', 'county', 'township', 'village'];
export const SUB_LEVELS: readonly SubLevel[] = ['county', 'township', 'village'];
export const CODE_LENGTH: Readonly<Record<AreaLevel, number>> = { city: 4, county: 6, township: 9, village: 12 };

const LEVEL_BY_LENGTH: Readonly<Record<number, AreaLevel>> = { 4: 'city', 6: 'county', 9: 'township', 12: 'village' };

/** The level of a code from its length; null for anything that is not 4, 6, 9 or 12 digits. */
export function levelOfCode(code: string): AreaLevel | null {
  return /^\d+$/.test(code) ? LEVEL_BY_LENGTH[code.length] ?? null : null;
}

/** The level below `level`; null below a village. */
export function childLevel(level: AreaLevel): AreaLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/** The level of an area's children; null for a village or a code that is not one. */
export function childLevelOfCode(code: string): AreaLevel | null {
  const level = levelOfCode(code);
  return level ? childLevel(level) : null;
}

/** The parent's code: a county's is the city's (4 digits); null for the city or a code that is not one. */
export function parentOfCode(code: string): string | null {
  const level = levelOfCode(code);
  if (!level || level === 'city') return null;
  return code.slice(0, CODE_LENGTH[LEVELS[LEVELS.indexOf(level) - 1]]);
}

/**
 * The parent below the city: null for a county, whose siblings are all the counties. Screens and
 * the progress routes treat the city as the implied root, so they ask for this one.
 */
export function parentBelowCity(code: string): string | null {
  const parent = parentOfCode(code);
  return parent && levelOfCode(parent) !== 'city' ? parent : null;
}

/** The codes from the county down to the area itself, e.g. ['512021', '512021101', '512021101201']. */
export function codePath(code: string): string[] {
  return SUB_LEVELS.map((l) => CODE_LENGTH[l]).filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** `code` is `scope` itself or lies inside it (codes nest by prefix). */
export function isWithin(code: string, scope: string): boolean {
  return code.startsWith(scope);
}
