/**
 * Build the full area hierarchy (city, counties, townships, villages) as exact nested
 * MultiPolygons on a 6-decimal grid. Pure: takes parsed reference data and a seed.
 */
import type { MultiPoly, Pos } from './geom.ts';
import { labelPoint, localProjection, signedAreaInt, toDeg } from './geom.ts';
import { repairCounties, type RawCounty, type RepairReport } from './repairCounties.ts';
import { placeSeeds, voronoiCells, type TownshipSpec } from './tessellate.ts';
import { adjacency, dissolve, nodePartition } from './topology.ts';
import { contiguousAssignment } from './townships.ts';
import { rngFor } from './random.ts';

export interface TownshipRow { code: string; name: string; countyCode: string }
export interface VillageRow { code: string; name: string; townshipCode: string; countyCode: string }
export type Level = 'province' | 'city' | 'county' | 'township' | 'village';
export interface AreaFeature {
  code: string;
  name: string;
  shortName: string;
  level: Level;
  kind: 'village' | 'community' | null;
  parent: string | null;
  label: Pos;
  synthetic: boolean;
  /** integer micro-degree coordinates */
  geom: MultiPoly;
}
export interface AreasResult {
  features: AreaFeature[];
  repair: RepairReport;
}

/** Approximate real county seats (lon, lat). */
export const COUNTY_SEATS: Record<string, Pos> = {
  '512002': [104.651, 30.128], // 雁江 (资阳城区)
  '512021': [105.336, 30.098], // 安岳 岳城
  '512022': [105.031, 30.276], // 乐至 天池
};

export function isCommunityName(name: string): boolean {
  return !name.endsWith('村民委员会');
}
export function shortNameOf(name: string): string {
  return name.replace(/(村民委员会|居民委员会)$/, '');
}

export function buildAreas(raw: RawCounty[], townships: TownshipRow[], villages: VillageRow[], seed: number, cityName = '资阳市', cityCode = '5120',
  opts: { centre?: Pos; seats?: Record<string, Pos>; cityParent?: string | null; fragmented?: string[]; dropped?: string[] } = {}): AreasResult {
  const { counties, report } = repairCounties(raw);
  // The city's own centre for a province's cities: a local projection stays true near its centre.
  const proj = localProjection(...(opts.centre ?? [105.0, 30.15]));
  const seats = { ...COUNTY_SEATS, ...opts.seats };
  interface CellInfo { county: number; township: number; seedP: Pos; community: boolean }
  const allCells: MultiPoly[] = [];
  const info: CellInfo[] = [];
  const countyTownships: TownshipRow[][] = [];
  const countyCentres: Pos[][] = [];
  counties.forEach((c, ci) => {
    const towns = townships.filter((t) => t.countyCode === c.code).sort((a, b) => (a.code < b.code ? -1 : 1));
    countyTownships.push(towns);
    const specs: TownshipSpec[] = towns.map((t) => {
      const vs = villages.filter((v) => v.townshipCode === t.code);
      const comm = vs.filter((v) => isCommunityName(v.name)).length;
      return { code: t.code, communities: comm, villages: vs.length - comm, urban: t.name.endsWith('街道') };
    });
    const planar: MultiPoly = c.geometry.map((poly) => poly.map((r) => r.map((p) => proj.fwd(p))));
    const seat = proj.fwd(seats[c.code] ?? c.geometry[0][0][0]);
    const { seeds, centres } = placeSeeds(planar, seat, specs, rngFor(seed, `seeds:${c.code}`));
    countyCentres.push(centres);
    const cells = voronoiCells(seeds.map((s) => s.p), c.geometry, planar, proj);
    cells.forEach((cell, i) => {
      allCells.push(cell);
      info.push({ county: ci, township: seeds[i].township, seedP: seeds[i].p, community: seeds[i].community });
    });
  });
  let cells = nodePartition(allCells);
  // re-attach detached fragments of a cell to the neighbour sharing most boundary
  for (let pass = 0; pass < 3; pass++) {
    let moved = false;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i].length <= 1) continue;
      const sorted = [...cells[i]].sort((a, b) => signedAreaInt(b[0]) - signedAreaInt(a[0]));
      const keep = [sorted[0]];
      for (const piece of sorted.slice(1)) {
        const probe = [...cells];
        probe[i] = [piece];
        const adj = adjacency(probe)[i];
        let best = -1, bestL = 0;
        for (const [j, l] of adj) if (info[j].county === info[i].county && l > bestL) { best = j; bestL = l; }
        if (best < 0) keep.push(piece);
        else {
          cells[best] = dissolve([cells[best], [piece]]);
          moved = true;
        }
      }
      cells[i] = keep;
    }
    if (!moved) break;
  }
  const adjAll = adjacency(cells);
  // township assignment per county
  const features: AreaFeature[] = [];
  const townshipFeatures: AreaFeature[] = [];
  const villageFeatures: AreaFeature[] = [];
  const countyFeatures: AreaFeature[] = [];
  counties.forEach((c, ci) => {
    const idx: number[] = [];
    info.forEach((inf, i) => { if (inf.county === ci) idx.push(i); });
    const local = new Map<number, number>(idx.map((g, l) => [g, l]));
    const adj = idx.map((g) => {
      const m = new Map<number, number>();
      for (const [j, l] of adjAll[g]) { const lj = local.get(j); if (lj !== undefined) m.set(lj, l); }
      return m;
    });
    const towns = countyTownships[ci];
    const centres = countyCentres[ci];
    const counts = towns.map((t) => villages.filter((v) => v.townshipCode === t.code).length);
    const seat = towns.map((_, k) => {
      let best = -1, bv = Infinity;
      idx.forEach((g, l) => {
        if (info[g].township !== k) return;
        const d = Math.hypot(info[g].seedP[0] - centres[k][0], info[g].seedP[1] - centres[k][1]);
        if (d < bv) { bv = d; best = l; }
      });
      return best;
    });
    const initial = idx.map((g) => info[g].township);
    let assign: number[];
    try {
      assign = contiguousAssignment({ adj, assign: initial, counts, seat });
    } catch (err) {
      // A province's county whose cells fall apart: its townships keep the seeds' assignment
      // (right counts, nested, no gaps or overlaps, but a township may come in several parts).
      if (!opts.fragmented) throw err;
      opts.fragmented.push(c.code);
      assign = initial;
    }
    const villageGeoms: MultiPoly[] = [];
    towns.forEach((t, k) => {
      const members = idx.filter((_, l) => assign[l] === k);
      members.sort((a, b) => {
        const da = Math.hypot(info[a].seedP[0] - centres[k][0], info[a].seedP[1] - centres[k][1]);
        const db = Math.hypot(info[b].seedP[0] - centres[k][0], info[b].seedP[1] - centres[k][1]);
        return da - db || a - b;
      });
      const vs = villages.filter((v) => v.townshipCode === t.code).sort((a, b) => (a.code < b.code ? -1 : 1));
      const comms = vs.filter((v) => isCommunityName(v.name));
      const rural = vs.filter((v) => !isCommunityName(v.name));
      const ordered = [...comms, ...rural];
      const tGeoms: MultiPoly[] = [];
      ordered.forEach((v, n) => {
        const geom = cells[members[n]];
        tGeoms.push(geom);
        villageFeatures.push({
          code: v.code, name: v.name, shortName: shortNameOf(v.name), level: 'village',
          kind: isCommunityName(v.name) ? 'community' : 'village', parent: t.code,
          label: [0, 0], synthetic: true, geom,
        });
      });
      const tg = dissolve(tGeoms);
      villageGeoms.push(tg);
      townshipFeatures.push({ code: t.code, name: t.name, shortName: t.name, level: 'township', kind: null, parent: c.code, label: [0, 0], synthetic: true, geom: tg });
    });
    countyFeatures.push({ code: c.code, name: c.name, shortName: c.name, level: 'county', kind: null, parent: cityCode, label: [0, 0], synthetic: false, geom: dissolve(villageGeoms) });
  });
  const city: AreaFeature = { code: cityCode, name: cityName, shortName: cityName, level: 'city', kind: null, parent: opts.cityParent ?? null, label: [0, 0], synthetic: false, geom: dissolve(countyFeatures.map((f) => f.geom)) };
  features.push(city, ...countyFeatures, ...townshipFeatures, ...villageFeatures);
  if (opts.dropped) {
    // A province's county whose cells fell apart may leave a village (or a township) without a cell: left out and counted.
    const empty = features.filter((f) => f.geom.length === 0 || f.geom.every((poly) => poly.length === 0));
    if (empty.length > 0) {
      opts.dropped.push(...empty.map((f) => f.code));
      const gone = new Set(empty.map((f) => f.code));
      features.splice(0, features.length, ...features.filter((f) => !gone.has(f.code)));
    }
  }
  for (const f of features) {
    const deg = f.geom.map((poly) => poly.map((r) => r.map(toDeg)));
    const lp = labelPoint(deg);
    f.label = [Math.round(lp[0] * 1e6) / 1e6, Math.round(lp[1] * 1e6) / 1e6];
  }
  return { features, repair: report };
}

export function toDegGeom(mp: MultiPoly): MultiPoly {
  return mp.map((poly) => poly.map((r) => r.map(toDeg)));
}
