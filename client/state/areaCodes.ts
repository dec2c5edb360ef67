import { codePath as pathBelowRoot, isAbove, levelOfCode, levelsBelow, parentBelowRoot, childLevel, type RootLevel } from '../../server/domain/areaCodes.ts';

// The one area-code module is the server's pure one; here its answers are taken relative to the
// root the app opens on (a city, or a province): the map draws the levels below the root.
export type SubLevel = 'city' | 'county' | 'township' | 'village';

/** The root area as the screens need it: its code and level (a city or a province). */
export interface Root {
  code: string;
  level: RootLevel;
}

/** The levels the map draws below the root, top down. */
export const levelsOf = (root: Root): SubLevel[] => levelsBelow(root.level) as SubLevel[];

/** The parent below the root: null for the root's children, whose siblings are all the root's children. */
export const parentBelow = (code: string, root: Root): string | null => parentBelowRoot(code, root.code);

/** The codes from the root's child down to the area itself. */
export const codePath = (code: string, root: Root): string[] => pathBelowRoot(code, root.code);

/** The level of an area below the root; null for the root itself, anything above or outside it, or not a code. */
export function subLevelOfCode(code: string, root: Root): SubLevel | null {
  const level = levelOfCode(code);
  if (!level || !code.startsWith(root.code) || code.length <= root.code.length) return null;
  return level as SubLevel;
}

/** The level below an area's: null for a village (and for anything not below the root). */
export function childLevelOf(code: string, root: Root): SubLevel | null {
  const level = subLevelOfCode(code, root);
  return level ? (childLevel(level) as SubLevel | null) : null;
}

/** Which areas the map colours with an area selected: its children, or a village's siblings; the root's children without one. */
export function choroplethScope(selected: string | null, root: Root): { level: SubLevel; parent: string | null } {
  const level = selected ? subLevelOfCode(selected, root) : null;
  if (!selected || !level) return { level: levelsOf(root)[0], parent: null };
  if (level === 'village') return { level: 'village', parent: parentBelow(selected, root) };
  return { level: childLevel(level) as SubLevel, parent: selected };
}

/** Without data (no root in the settings), the shipped city's levels. */
export const FALLBACK_ROOT: Root = { code: '5120', level: 'city' };

/** The settings' root (`/api/settings`) as the screens take it: a province or a city, else the fallback. */
export function rootOf(root: { code: string; level: string } | null | undefined): Root {
  return root && (root.level === 'province' || root.level === 'city') ? { code: root.code, level: root.level } : FALLBACK_ROOT;
}

/** A list's filter: the parent when it lies above the level listed, else none (a county filter does not apply to a list of counties). */
export function filterWithin(parent: string | null | undefined, level: SubLevel): string | null {
  const parentLevel = parent ? levelOfCode(parent) : null;
  return parent && parentLevel && isAbove(parentLevel, level) ? parent : null;
}
