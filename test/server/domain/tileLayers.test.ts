import { describe, expect, it } from 'vitest';
import { parseTileSources, simplifyTolerance, TILE_SOURCES, tileBounds, tileOfPoint, tileOutOfRange } from '../../../server/domain/tileLayers.ts';

describe('tile sources and coordinates', () => {
  it('parses a list of sources in the order asked, naming an unknown or repeated one', () => {
    const ok = parseTileSources('village,county');
    expect('sources' in ok && ok.sources.map((s) => s.name)).toEqual(['village', 'county']);
    expect(parseTileSources('county,roads')).toEqual({ error: expect.stringMatching(/"roads" does not exist: the sources are province, city, county, township, village, households/) });
    expect(parseTileSources('county,county')).toEqual({ error: 'tile source "county" is named twice' });
    expect(parseTileSources('toString')).toHaveProperty('error');
  });

  it('says why z/x/y is not a tile', () => {
    expect(tileOutOfRange(0, 0, 0)).toBeNull();
    expect(tileOutOfRange(10, 1023, 1023)).toBeNull();
    expect(tileOutOfRange(10, 1024, 5)).toMatch(/x and y run from 0 to 1023/);
    expect(tileOutOfRange(3, 0, 8)).toMatch(/tile 3\/0\/8 does not exist/);
    expect(tileOutOfRange(15, 0, 0)).toMatch(/past the last tile zoom 14/);
  });

  it('finds the tile of a point, whose bounds hold the point', () => {
    for (const z of [0, 5, 8, 12, 14]) {
      const [, x, y] = tileOfPoint(z, 105.3, 29.9);
      const [w, s, e, n] = tileBounds(z, x, y);
      expect(w).toBeLessThanOrEqual(105.3);
      expect(e).toBeGreaterThan(105.3);
      expect(s).toBeLessThanOrEqual(29.9);
      expect(n).toBeGreaterThan(29.9);
    }
    expect(tileBounds(0, 0, 0)[3]).toBeCloseTo(85.0511, 3);
  });

  it('simplifies less as the zoom grows, and shows labels no earlier than polygons', () => {
    expect(simplifyTolerance(8)).toBeCloseTo(2 * simplifyTolerance(9), 12);
    for (const source of Object.values(TILE_SOURCES)) {
      expect(source.minzoom).toBe(Math.min(...source.layers.map((l) => l.minzoom)));
      const polygons = source.layers.find((l) => l.geometry === 'polygon');
      for (const labels of source.layers.filter((l) => l.id.endsWith('_label'))) expect(labels.minzoom).toBeGreaterThanOrEqual(polygons!.minzoom);
    }
    expect(TILE_SOURCES.households.restricted).toBe(true);
    expect(TILE_SOURCES.village.restricted).toBe(false);
  });
});
