import type { AreaLevel } from '../api/types.ts';

/** The level of an area code: 6 digits a county, 9 a township, 12 a village; else null. */
export function levelOfCode(code: string): AreaLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return ({ 6: 'county', 9: 'township', 12: 'village' } as Record<number, AreaLevel>)[code.length] ?? null;
}

/** The codes from the county down to the area itself, e.g. ['512021', '512021101', …]. */
export function codePath(code: string): string[] {
  return [6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** The area's parent code; null for a county (the city is the implied root). */
export function parentOfCode(code: string): string | null {
  return code.length > 6 ? code.slice(0, code.length - 3) : null;
}

/** The level below an area's: null for a village. */
export function childLevelOf(code: string): AreaLevel | null {
  const level = levelOfCode(code);
  return level === 'county' ? 'township' : level === 'township' ? 'village' : null;
}

/** Which areas the map colours with an area selected: its children, or a village's siblings. */
export function choroplethScope(selected: string | null): { level: AreaLevel; parent: string | null } {
  const level = selected ? levelOfCode(selected) : null;
  if (!selected || !level) return { level: 'county', parent: null };
  if (level === 'county') return { level: 'township', parent: selected };
  if (level === 'township') return { level: 'village', parent: selected };
  return { level: 'village', parent: parentOfCode(selected) };
}
