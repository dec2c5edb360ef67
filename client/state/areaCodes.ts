import { childLevelOfCode, levelOfCode, parentBelowCity, type SubLevel } from '../../server/domain/areaCodes.ts';

// The one area-code module is the server's pure one; the screens draw the city's descendants only.
export { codePath, parentBelowCity } from '../../server/domain/areaCodes.ts';

/** The level of a county, township or village code; null for the city (4 digits) or anything else. */
export function subLevelOfCode(code: string): SubLevel | null {
  const level = levelOfCode(code);
  return level === 'city' ? null : level;
}

/** The level below an area's: null for a village (and for the city, which the screens do not select). */
export function childLevelOf(code: string): SubLevel | null {
  const level = subLevelOfCode(code) ? childLevelOfCode(code) : null;
  return level === 'city' ? null : level;
}

/** Which areas the map colours with an area selected: its children, or a village's siblings. */
export function choroplethScope(selected: string | null): { level: SubLevel; parent: string | null } {
  const level = selected ? subLevelOfCode(selected) : null;
  if (!selected || !level) return { level: 'county', parent: null };
  if (level === 'county') return { level: 'township', parent: selected };
  if (level === 'township') return { level: 'village', parent: selected };
  return { level: 'village', parent: parentBelowCity(selected) };
}
