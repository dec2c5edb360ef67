/**
 * The cell sizes (degrees) the households grid is offered at, finest first; each a whole multiple
 * of the first, so a coarse cell is a sum of fine ones. The query module and the map share them.
 */
export const GRID_CELLS = [0.01, 0.02, 0.05, 0.1, 0.2] as const;
export type GridCell = (typeof GRID_CELLS)[number];
