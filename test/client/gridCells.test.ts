import { describe, expect, it } from 'vitest';
import { GRID_CELLS } from '../../server/domain/householdGrid.ts';
import { cellAreaKm2, cellColor, cellFigures, cellPolygon, densityClass, GRID_BREAKS, GRID_COLORS, gridCellForZoom } from '../../client/map/deck/householdGrid/gridCells.ts';

describe('households grid cells', () => {
  it('asks only for cell sizes the server offers, finer as the map zooms in', () => {
    let last = Infinity;
    for (let zoom = 5; zoom <= 16; zoom += 0.25) {
      const cell = gridCellForZoom(zoom);
      expect(GRID_CELLS).toContain(cell);
      expect(cell).toBeLessThanOrEqual(last);
      last = cell;
      // Between 18 and 50 screen pixels a cell (256 px tiles: 360° is 256·2^zoom pixels).
      const pixels = (cell / 360) * 256 * 2 ** zoom;
      if (zoom >= 7.25 && zoom <= 12) {
        expect(pixels, `zoom ${zoom}`).toBeGreaterThan(18);
        expect(pixels, `zoom ${zoom}`).toBeLessThan(50);
      }
    }
  });

  it('draws a cell as its square and measures it on the ground', () => {
    expect(cellPolygon([10495, 3012, 7, 1, 0, 6], 0.01).map(([x, y]) => [x.toFixed(2), y.toFixed(2)])).toEqual([
      ['104.95', '30.12'], ['104.96', '30.12'], ['104.96', '30.13'], ['104.95', '30.13'], ['104.95', '30.12'],
    ]);
    // 0.01° at 30°N: 1.113 km north–south by 0.964 km east–west.
    expect(cellAreaKm2([10495, 3012, 7, 1, 0, 6], 0.01)).toBeCloseTo(1.073, 2);
    expect(cellAreaKm2([0, 0, 1, 0, 0, 1], 0.01)).toBeGreaterThan(cellAreaKm2([0, 6000, 1, 0, 0, 1], 0.01));
  });

  it('colours by fixed density steps, the same households per km² the same colour at any cell size', () => {
    expect(densityClass(0)).toBe(0);
    expect(densityClass(GRID_BREAKS[0] - 0.01)).toBe(0);
    expect(densityClass(GRID_BREAKS[0])).toBe(1);
    expect(densityClass(1e6)).toBe(GRID_BREAKS.length);
    expect(GRID_COLORS.length).toBe(GRID_BREAKS.length + 1);
    const fine = [10495, 3012, 12, 2, 1, 9];
    const coarse = [5247, 1506, 12 * 4, 8, 4, 36];
    expect(cellColor(coarse, 0.02)).toBe(cellColor(fine, 0.01));
    expect(cellFigures(fine, 0.01)).toMatchObject({ households: 12, poor: 2, atRisk: 1, exited: 9 });
    // No red, orange or green: those colours mean behind and on plan.
    for (const c of GRID_COLORS) {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
      expect(b, c).toBeGreaterThanOrEqual(Math.max(r, g) - 10);
    }
  });
});
