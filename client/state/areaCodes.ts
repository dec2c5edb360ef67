import { CODE_LENGTH, childLevelOfCode, codePath as pathBelowRoot, levelOfCode, parentBelowRoot } from '../../server/domain/areaCodes.ts';

// The one area-code module is the server's pure one. The map draws a city's three levels below it
// (county, township, village): a province root on the map comes with the tiled boundaries.
export type SubLevel = 'county' | 'township' | 'village';

const cityOf = (code: string) => code.slice(0, CODE_LENGTH.city);

/** The parent below the city: null for a county, whose siblings are the city's counties. */
export const parentBelowCity = (code: string): string | null => parentBelowRoot(code, cityOf(code));

/** The codes from the county down to the area itself. */
export const codePath = (code: string): string[] => pathBelowRoot(code, cityOf(code));

/** The level of a county, township or village code; null for the city (4 digits) or anything else. */
export function subLevelOfCode(code: string): SubLevel | null {
  const level = levelOfCode(code);
  return level === 'city' || level === 'province' ? null : level;
}

/** The level below an area's: null for a village (and for the city, which the screens do not select). */
export function childLevelOf(code: string): SubLevel | null {
  const level = subLevelOfCode(code) ? childLevelOfCode(code) : null;
  return level === 'city' || level === 'province' ? null : level;
}

/** Which areas the map colours with an area selected: its children, or a village's siblings. */
export function choroplethScope(selected: string | null): { level: SubLevel; parent: string | null } {
  const level = selected ? subLevelOfCode(selected) : null;
  if (!selected || !level) return { level: 'county', parent: null };
  if (level === 'county') return { level: 'township', parent: selected };
  if (level === 'township') return { level: 'village', parent: selected };
  return { level: 'village', parent: parentBelowCity(selected) };
}
