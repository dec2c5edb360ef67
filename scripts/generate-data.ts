/**
 * Deterministic generator for the shipped dataset in data/.
 *   npm run data:generate -- [--seed 2018] [--out data]
 *   npm run data:generate -- --province 51 --out DIR [--cities 5120,5110] [--households 1000000]
 * Pure logic lives in scripts/generate/*.ts; this file only reads, writes and reports.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAreas, toDegGeom } from './generate/areas.ts';
import { parseCsv, toCsv } from './generate/csv.ts';
import { activities, choosePovertyVillages, townshipPerformance, type VillageRef } from './generate/campaign.ts';
import { DATA_AS_OF } from './generate/dates.ts';
import { generateHouseholds, pointInside } from './generate/households.ts';
import { generateParks, generateProjects, SPECIALTIES } from './generate/projects.ts';
import { rngFor } from './generate/random.ts';
import { polyAreaKm2, sharedBorderKm } from './generate/repairCounties.ts';
import { adjacency, dissolve } from './generate/topology.ts';
import { nestingError, ringIssues, siblingOverlapM2, type AreaLike } from './generate/validate.ts';
import { generateProvince } from './generate/province.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
// The reference files are the project's own copies (data/reference, see data/README.md).
const REF_DIR = resolve(root, arg('reference', 'data/reference'));

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

const t0 = performance.now();
const seed = Number.parseInt(arg('seed', '2018'), 10);
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
const out = resolve(root, arg('out', 'data'));
// --province 51: the province-scale dataset, city by city (scripts/generate/province.ts); never into data/.
if (process.argv.includes('--province')) {
  if (out === resolve(root, 'data')) throw new Error('--province needs --out DIR: data/ holds the shipped city');
  const cities = arg('cities', '');
  const meta = generateProvince({
    province: arg('province', '51'), referenceDir: REF_DIR, out, seed,
    households: Number.parseInt(arg('households', '1000000'), 10), cities: cities ? cities.split(',') : undefined,
  });
  console.log(meta);
  process.exit(0);
}
mkdirSync(join(out, 'reference'), { recursive: true });

// reference data: read from the project's copy; written next to the output when that is elsewhere
const refDir = REF_DIR;
if (resolve(REF_DIR) !== resolve(out, 'reference')) {
  for (const f of ['ziyang-counties.geojson', 'ziyang-townships.csv', 'ziyang-villages.csv', 'SOURCE-README.md'])
    copyFileSync(join(REF_DIR, f), join(out, 'reference', f));
}
const countiesFc = JSON.parse(readFileSync(join(refDir, 'ziyang-counties.geojson'), 'utf8'));
const raw = countiesFc.features.map((f: { properties: { code: string; name: string }; geometry: { coordinates: number[][][][] } }) => ({
  code: f.properties.code, name: f.properties.name, geometry: f.geometry.coordinates as [number, number][][][],
}));
const townRows = parseCsv(readFileSync(join(refDir, 'ziyang-townships.csv'), 'utf8')).map((r) => ({ code: r.code, name: r.name, countyCode: r.areaCode }));
const villRows = parseCsv(readFileSync(join(refDir, 'ziyang-villages.csv'), 'utf8')).map((r) => ({ code: r.code, name: r.name, townshipCode: r.streetCode, countyCode: r.areaCode }));

// ---- geometry
const { features, repair } = buildAreas(raw, townRows, villRows, seed);
const deg = new Map(features.map((f) => [f.code, toDegGeom(f.geom)]));
const areaLike: AreaLike[] = features.map((f) => ({ code: f.code, parent: f.parent, level: f.level, coordinates: deg.get(f.code)! }));
const issues = areaLike.flatMap(ringIssues);
if (issues.length) throw new Error(`invalid rings:\n${issues.slice(0, 20).join('\n')}`);
const nest = nestingError(areaLike);
if (nest.max > 1e-6) throw new Error(`nesting error ${nest.max} at ${nest.worst}`);
const overlap = siblingOverlapM2(areaLike);
if (overlap.total > 1) throw new Error(`sibling overlap ${overlap.total} m²`);
const counties = features.filter((f) => f.level === 'county');
const borders: Record<string, number> = {};
for (let i = 0; i < counties.length; i++)
  for (let j = i + 1; j < counties.length; j++)
    borders[`${counties[i].name}–${counties[j].name}`] = Math.round(sharedBorderKm(deg.get(counties[i].code)!, deg.get(counties[j].code)!) * 10) / 10;

const fc = {
  type: 'FeatureCollection',
  features: features.map((f) => ({
    type: 'Feature',
    properties: { code: f.code, name: f.name, shortName: f.shortName, level: f.level, kind: f.kind, parent: f.parent, label: f.label, synthetic: f.synthetic },
    geometry: { type: 'MultiPolygon', coordinates: deg.get(f.code) },
  })),
};
writeFileSync(join(out, 'areas.geojson'), JSON.stringify(fc) + '\n');

// ---- campaign
const villages = features.filter((f) => f.level === 'village');
const townName = new Map(features.filter((f) => f.level === 'township').map((f) => [f.code, f.name]));
const vrefs: (VillageRef & { geometry: [number, number][][][] })[] = villages.map((v) => ({
  code: v.code, kind: v.kind!, township: v.parent!, county: v.code.slice(0, 6), areaKm2: polyAreaKm2(deg.get(v.code)!), geometry: deg.get(v.code)!,
}));
const townCodes = features.filter((f) => f.level === 'township').map((f) => f.code);
const perf = townshipPerformance(townCodes, rngFor(seed, 'perf'));
const poverty = choosePovertyVillages(vrefs, perf, rngFor(seed, 'poverty'));
writeFileSync(join(out, 'poverty-villages.csv'), toCsv(['code', 'planned_exit_year', 'exit_status', 'exit_date'], poverty.map((p) => [p.code, p.planned_exit_year, p.exit_status, p.exit_date])));

const { households, history } = generateHouseholds(vrefs, poverty, perf, rngFor(seed, 'households'));
writeFileSync(join(out, 'households.csv'), toCsv(
  ['id', 'village_code', 'lon', 'lat', 'size', 'labour_count', 'employed_members', 'income_per_capita', 'poverty_cause', 'status', 'food_clothing', 'education', 'medical', 'housing', 'medical_insurance', 'needs_relocation', 'needs_renovation', 'exit_date', 'head_name', 'phone'],
  households.map((h) => [h.id, h.village_code, h.lon.toFixed(6), h.lat.toFixed(6), h.size, h.labour_count, h.state.employed_members, h.state.income_per_capita, h.poverty_cause, h.state.status, h.state.food_clothing, h.state.education, h.state.medical, h.state.housing, h.state.medical_insurance, h.needs_relocation, h.needs_renovation, h.exit_date, h.head_name, h.phone]),
));
writeFileSync(join(out, 'household-history.csv'), toCsv(
  ['household_id', 'date', 'status', 'income_per_capita', 'food_clothing', 'education', 'medical', 'housing', 'medical_insurance', 'employed_members', 'relocated', 'renovated'],
  history.map((r) => [r.household_id, r.date, r.status, r.income_per_capita, r.food_clothing, r.education, r.medical, r.housing, r.medical_insurance, r.employed_members, r.relocated, r.renovated]),
));

const povSet = new Set(poverty.map((p) => p.code));
const countyGeom = new Map(counties.map((c) => [c.code, deg.get(c.code)!]));
const pvill = villages.map((v) => ({ code: v.code, shortName: v.shortName, county: v.code.slice(0, 6), township: v.parent!, poverty: povSet.has(v.code), geometry: deg.get(v.code)!, countyGeometry: countyGeom.get(v.code.slice(0, 6))! }));
const { projects, history: phist } = generateProjects(pvill, rngFor(seed, 'projects'), 340, (mp, rng) => pointInside(mp, rng));
writeFileSync(join(out, 'projects.geojson'), JSON.stringify({
  type: 'FeatureCollection',
  features: projects.map(({ geometry, ...p }) => ({ type: 'Feature', properties: p, geometry })),
}) + '\n');
writeFileSync(join(out, 'project-history.csv'), toCsv(['project_id', 'date', 'funds_disbursed', 'progress', 'status'], phist.map((r) => [r.project_id, r.date, r.funds_disbursed, r.progress.toFixed(2), r.status])));
writeFileSync(join(out, 'specialties.csv'), toCsv(['code', 'name', 'department'], SPECIALTIES.map((s, i) => [i + 1, s.name, s.department])));

const vAdj = adjacency(villages.map((v) => v.geom));
const parks = generateParks(villages.map((v) => ({ code: v.code, county: v.code.slice(0, 6), township: v.parent!, townshipName: townName.get(v.parent!)!, kind: v.kind! })), vAdj, rngFor(seed, 'parks'));
const vGeom = new Map(villages.map((v) => [v.code, v.geom]));
writeFileSync(join(out, 'parks.geojson'), JSON.stringify({
  type: 'FeatureCollection',
  features: parks.map((p) => {
    const g = dissolve(p.villages.map((c) => vGeom.get(c)!));
    if (g.length !== 1) throw new Error(`park ${p.id} is not contiguous`);
    return { type: 'Feature', properties: p, geometry: { type: 'MultiPolygon', coordinates: toDegGeom(g) } };
  }),
}) + '\n');

const acts = activities(townCodes, counties.map((c) => c.code), perf, rngFor(seed, 'activities'));
writeFileSync(join(out, 'activities.csv'), toCsv(['id', 'kind', 'area_code', 'date', 'person_times'], acts.map((a) => [a.id, a.kind, a.area_code, a.date, a.person_times])));

// ---- meta + summary
const people = households.reduce((s, h) => s + h.size, 0);
const exitedPeople = households.filter((h) => h.state.status !== 'poor').reduce((s, h) => s + h.size, 0);
const counts = {
  areas: features.length, city: 1, counties: counties.length, townships: townCodes.length, villages: villages.filter((v) => v.kind === 'village').length,
  communities: villages.filter((v) => v.kind === 'community').length, povertyVillages: poverty.length, povertyVillagesExited: poverty.filter((p) => p.exit_status === 'exited').length,
  households: households.length, people, peopleExited: exitedPeople, householdsAtRisk: households.filter((h) => h.state.status === 'at_risk').length,
  householdHistoryRows: history.length, relocationPeople: households.filter((h) => h.needs_relocation).reduce((s, h) => s + h.size, 0),
  relocationHouseholds: households.filter((h) => h.needs_relocation).length, renovationHouseholds: households.filter((h) => h.needs_renovation).length,
  projects: projects.length, projectHistoryRows: phist.length, parks: parks.length, specialties: SPECIALTIES.length,
  trainingPersonTimes: acts.filter((a) => a.kind === 'training').reduce((s, a) => s + a.person_times, 0), trainingSessions: acts.filter((a) => a.kind === 'training').length,
  jobFairs: acts.filter((a) => a.kind === 'job_fair').length,
};
writeFileSync(join(out, 'meta.json'), JSON.stringify({ seed, dataAsOf: DATA_AS_OF, synthetic: true, generatedBy: 'scripts/generate-data.ts', counts }, null, 2) + '\n');

console.log(`seed ${seed} → ${out}`);
console.log(counts);
console.log('repair', repair);
for (const c of counties) console.log(`${c.name} ${c.code}: ${polyAreaKm2(deg.get(c.code)!).toFixed(1)} km²`);
console.log('shared borders (km)', borders);
console.log(`max nesting error ${nest.max.toExponential(2)} (${nest.worst}); sibling overlap ${overlap.total.toExponential(2)} m² over ${overlap.pairs} pairs`);
console.log(`people ${people}, exited ${((100 * exitedPeople) / people).toFixed(1)}%; time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
