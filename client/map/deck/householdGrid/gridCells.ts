/**
 * The households grid's pure parts: which cell size a zoom asks for, a cell's square, its area and
 * its density class. Colours follow fixed density steps (households per km²), never classes fitted
 * to what is on screen, and are purples: red and green mean behind and on plan on this map.
 */

import type { GridCell } from '../../../../server/domain/householdGrid.ts';

/** About 20–50 screen pixels a cell from zoom 7.25: finer cells as the map zooms in. */
export function gridCellForZoom(zoom: number): GridCell {
  if (zoom >= 11.5) return 0.01;
  if (zoom >= 10.5) return 0.02;
  if (zoom >= 9.25) return 0.05;
  if (zoom >= 8.25) return 0.1;
  return 0.2;
}

/** One cell of the grid answer: `[i, j, households, poor, atRisk, exited]`. */
export type GridRow = readonly number[];

/** The cell's square as a lon/lat ring (cell i, j spans i·size to (i+1)·size). */
export function cellPolygon(row: GridRow, size: number): [number, number][] {
  const [x0, y0] = [row[0] * size, row[1] * size];
  const [x1, y1] = [(row[0] + 1) * size, (row[1] + 1) * size];
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

const KM_PER_DEGREE = 111.32;

/** The cell's area in km² (a degree of longitude shrinks with the cosine of the latitude). */
export function cellAreaKm2(row: GridRow, size: number): number {
  const midLat = (row[1] + 0.5) * size;
  return (size * KM_PER_DEGREE) ** 2 * Math.cos((midLat * Math.PI) / 180);
}

/**
 * The density steps, households per km²: a cell below the first is class 0, at or above the last
 * the top class. The shipped city has 2.7 registered households per km² overall; a poverty
 * village's cell several times that.
 */
export const GRID_BREAKS = [1, 2, 4, 8] as const;
/** One purple per class, light to dark. */
export const GRID_COLORS = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;

/** The class (0 … GRID_BREAKS.length) of a density in households per km². */
export function densityClass(perKm2: number): number {
  let k = 0;
  while (k < GRID_BREAKS.length && perKm2 >= GRID_BREAKS[k]) k++;
  return k;
}

/** A cell's colour: its density's class. */
export function cellColor(row: GridRow, size: number): string {
  return GRID_COLORS[densityClass(row[2] / cellAreaKm2(row, size))];
}

/** The grid row as named figures (the tooltip's properties). */
export function cellFigures(row: GridRow, size: number): { households: number; poor: number; atRisk: number; exited: number; areaKm2: number; perKm2: number } {
  const areaKm2 = cellAreaKm2(row, size);
  return { households: row[2], poor: row[3], atRisk: row[4], exited: row[5], areaKm2, perKm2: row[2] / areaKm2 };
}
