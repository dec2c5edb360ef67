import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import * as turf from '@turf/turf';
import { mulberry32, rngFor } from '../../scripts/generate/random.ts';
import { nodePartition, dissolve, adjacency } from '../../scripts/generate/topology.ts';
import { buildAreas } from '../../scripts/generate/areas.ts';
import { nestingError, siblingOverlapM2, ringIssues, type AreaLike } from '../../scripts/generate/validate.ts';
import { toDegGeom } from '../../scripts/generate/areas.ts';
import { contiguousAssignment } from '../../scripts/generate/townships.ts';
import { generateHouseholds, DEFAULT_HOUSEHOLD_PARAMS } from '../../scripts/generate/households.ts';
import { parseCsv } from '../../scripts/generate/csv.ts';
import { placeSeeds, voronoiCells } from '../../scripts/generate/tessellate.ts';
import { localProjection, type MultiPoly } from '../../scripts/generate/geom.ts';
import { repairCounty } from '../../scripts/generate/repairCounties.ts';

const square: MultiPoly = [[[[104.9, 30.1], [105.0, 30.1], [105.0, 30.2], [104.9, 30.2], [104.9, 30.1]]]];

describe('random', () => {
  it('mulberry32 is deterministic and in [0,1)', () => {
    const a = mulberry32(42), b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    expect(rngFor(1, 'x')()).toBe(rngFor(1, 'x')());
  });
});

describe('repairCounty', () => {
  it('drops short rings and resolves a bow-tie', () => {
    const bow: MultiPoly = [[[[105, 30], [105.02, 30.02], [105.02, 30], [105, 30.01], [105, 30]]], [[[105.5, 30.5], [105.6, 30.6], [105.5, 30.5]]]];
    const r = repairCounty(bow);
    expect(r.length).toBe(2); // bow-tie split in two triangles, short ring dropped
    for (const p of r) expect(p[0].length).toBeGreaterThanOrEqual(4);
  });
});

describe('tessellation of a square', () => {
  const proj = localProjection(104.95, 30.15);
  const planar = square.map((p) => p.map((r) => r.map((q) => proj.fwd(q))));
  const specs = [
    { code: 'a', communities: 2, villages: 5, urban: true },
    { code: 'b', communities: 1, villages: 8, urban: false },
    { code: 'c', communities: 0, villages: 6, urban: false },
  ];
  const { seeds } = placeSeeds(planar, proj.fwd([104.95, 30.15]), specs, mulberry32(7), 0.4);
  const cells = nodePartition(voronoiCells(seeds.map((s) => s.p), square, planar, proj));
  it('tiles the square without gaps or overlaps', () => {
    expect(cells.length).toBe(22);
    const total = cells.reduce((s, c) => s + turf.area(turf.multiPolygon(toDegGeom(c))), 0);
    const sq = turf.area(turf.multiPolygon(square));
    expect(Math.abs(total - sq) / sq).toBeLessThan(1e-6);
    const al: AreaLike[] = cells.map((c, i) => ({ code: String(i), parent: 'sq', level: 'village', coordinates: toDegGeom(c) }));
    expect(siblingOverlapM2(al).total).toBeLessThanOrEqual(1);
    expect(al.flatMap(ringIssues)).toEqual([]);
    const u = dissolve(cells);
    expect(u.length).toBe(1);
    expect(u[0].length).toBe(1); // no holes: no gaps
    expect(Math.abs(turf.area(turf.multiPolygon(toDegGeom(u))) - sq) / sq).toBeLessThan(1e-6);
  });
  it('contiguous assignment keeps counts and connectivity', () => {
    const adj = adjacency(cells);
    const assign = contiguousAssignment({ adj, assign: seeds.map((s) => s.township), counts: [7, 9, 6], seat: [0, 7, 16] });
    for (let t = 0; t < 3; t++) {
      const members = cells.filter((_, i) => assign[i] === t);
      expect(members.length).toBe([7, 9, 6][t]);
      expect(dissolve(members).length).toBe(1);
    }
  });
});

describe('generator determinism on a small input', () => {
  const raw = [
    { code: '512002', name: '甲区', geometry: [[[[104.9, 30.1], [105.0, 30.1], [105.0, 30.2], [104.9, 30.2], [104.9, 30.1]]]] as MultiPoly },
    { code: '512021', name: '乙县', geometry: [[[[105.0, 30.1], [105.1, 30.1], [105.1, 30.15], [105.0, 30.2], [105.0, 30.1]]]] as MultiPoly },
  ];
  const towns = [
    { code: '512002001', name: '一街道', countyCode: '512002' },
    { code: '512002100', name: '二镇', countyCode: '512002' },
    { code: '512021100', name: '三镇', countyCode: '512021' },
  ];
  const vills = [
    ...[1, 2, 3].map((i) => ({ code: `51200200100${i}`, name: `社${i}社区居民委员会`, townshipCode: '512002001', countyCode: '512002' })),
    ...[1, 2, 3, 4, 5, 6].map((i) => ({ code: `51200210020${i}`, name: `村${i}村民委员会`, townshipCode: '512002100', countyCode: '512002' })),
    ...[1, 2, 3, 4, 5].map((i) => ({ code: `51202110020${i}`, name: `乙${i}村民委员会`, townshipCode: '512021100', countyCode: '512021' })),
  ];
  it('is identical for the same seed and nests exactly', () => {
    const a = buildAreas(raw, towns, vills, 5);
    const b = buildAreas(raw, towns, vills, 5);
    expect(JSON.stringify(a.features)).toBe(JSON.stringify(b.features));
    const c = buildAreas(raw, towns, vills, 6);
    expect(JSON.stringify(c.features)).not.toBe(JSON.stringify(a.features));
    const al = a.features.map((f) => ({ code: f.code, parent: f.parent, level: f.level, coordinates: toDegGeom(f.geom) }));
    expect(nestingError(al).max).toBeLessThanOrEqual(1e-6);
    expect(siblingOverlapM2(al).total).toBeLessThanOrEqual(1);
    expect(al.flatMap(ringIssues)).toEqual([]);
    const vrefs = a.features.filter((f) => f.level === 'village').map((f) => ({ code: f.code, kind: f.kind!, township: f.parent!, county: f.code.slice(0, 6), areaKm2: 5, geometry: toDegGeom(f.geom) }));
    const params = { ...DEFAULT_HOUSEHOLD_PARAMS, people: 300, relocationPeople: 10, renovationHouseholds: 20 };
    const h1 = generateHouseholds(vrefs, [], new Map(), mulberry32(1), params);
    const h2 = generateHouseholds(vrefs, [], new Map(), mulberry32(1), params);
    expect(JSON.stringify(h1)).toBe(JSON.stringify(h2));
    expect(h1.households.reduce((s, h) => s + h.size, 0)).toBe(300);
  });
});

describe('shipped data', () => {
  const path = new URL('../../data/areas.geojson', import.meta.url);
  it.skipIf(!existsSync(path))('areas.geojson nests within tolerance and siblings do not overlap', () => {
    const fc = JSON.parse(readFileSync(path, 'utf8'));
    expect(fc.features.length).toBe(1324);
    const al: AreaLike[] = fc.features.map((f: { properties: { code: string; parent: string | null; level: string }; geometry: { type: string; coordinates: MultiPoly } }) => {
      expect(f.geometry.type).toBe('MultiPolygon');
      return { code: f.properties.code, parent: f.properties.parent, level: f.properties.level, coordinates: f.geometry.coordinates };
    });
    for (const f of al) if (f.parent) expect(f.code.startsWith(f.parent)).toBe(true);
    expect(nestingError(al).max).toBeLessThanOrEqual(1e-6);
    expect(al.flatMap(ringIssues)).toEqual([]);
    const ov = siblingOverlapM2(al);
    expect(ov.total).toBeLessThanOrEqual(1);
    const towns = al.filter((f) => f.level === 'township');
    expect(towns.every((t) => t.coordinates.length === 1)).toBe(true);
  }, 20000);
  it.skipIf(!existsSync(path))('households: last history row equals the household state', () => {
    const hh = parseCsv(readFileSync(new URL('../../data/households.csv', import.meta.url), 'utf8'));
    const hist = parseCsv(readFileSync(new URL('../../data/household-history.csv', import.meta.url), 'utf8'));
    const last = new Map<string, Record<string, string>>();
    for (const r of hist) {
      expect(r.date <= '2018-11-30').toBe(true);
      last.set(r.household_id, r);
    }
    const people = hh.reduce((s, h) => s + Number(h.size), 0);
    expect(Math.abs(people - 44000)).toBeLessThanOrEqual(440);
    for (const h of hh) {
      const r = last.get(h.id)!;
      for (const k of ['status', 'income_per_capita', 'food_clothing', 'education', 'medical', 'housing', 'medical_insurance', 'employed_members']) expect(r[k]).toBe(h[k]);
      expect(Number(h.employed_members)).toBeLessThanOrEqual(Number(h.labour_count));
      expect(Number(h.labour_count)).toBeLessThanOrEqual(Number(h.size));
    }
  });
});
