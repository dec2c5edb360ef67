import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db/openDatabase.ts';
import { importData, ImportError } from '../../../server/import/importData.ts';
import { readInputFile } from '../../../server/import/readInputFile.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { repoRoot } from '../../helpers/testConfig.ts';
import { writePolygonShapefile } from '../../../server/export/writePolygonShapefile.ts';

const HEADER = 'id,village_code,lon,lat,size,labour_count,employed_members,income_per_capita,poverty_cause,status,food_clothing,education,medical,housing,medical_insurance,needs_relocation,needs_renovation,exit_date,head_name,phone';

function householdLine(id: string, village: string, lon: number, lat: number, overrides: Partial<Record<'size' | 'status', string>> = {}): string {
  return [id, village, lon.toFixed(6), lat.toFixed(6), overrides.size ?? '3', '2', '1', '4200', '因病', overrides.status ?? 'exited',
    'true', 'true', 'true', 'true', 'true', 'false', 'false', '2018-09-01', '测试户', '19999900000'].join(',');
}

describe('import: all or nothing, every rejected row reported', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let dir: string;
  let villages: { code: string; lon: number; lat: number }[];
  let features: Feature<Polygon, Record<string, string>>[] = [];
  const zipShapefile = (name: string, fs: Feature<Polygon, Record<string, string>>[]) => {
    const { shp, shx, dbf } = writePolygonShapefile(fs);
    const file = join(dir, name);
    writeFileSync(file, zipSync({ 'b.shp': shp, 'b.shx': shx, 'b.dbf': dbf, 'b.cpg': strToU8('UTF-8'),
      'b.prj': strToU8('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]]') }));
    return file;
  };
  const count = async (table: 'households' | 'areas' | 'household_history') =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', statementTimeoutMs: 60000 });
    dir = mkdtempSync(join(tmpdir(), 'campaign-import-'));
    villages = await db.query(`SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas
      WHERE level = 'village' ORDER BY code LIMIT 3`);
  }, 240000);
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a household file with bad rows, lists each with its line, and writes nothing', async () => {
    const before = await count('households');
    const [a, b] = villages;
    const file = join(dir, 'bad.csv');
    writeFileSync(file, [
      HEADER,
      householdLine('T1', a.code, a.lon, a.lat, { status: 'gone' }),
      householdLine('T2', a.code, a.lon, a.lat, { size: 'three' }),
      householdLine('T3', '512002001999', a.lon, a.lat),
      householdLine('T4', a.code, b.lon, b.lat),
      householdLine('T5', a.code, a.lon, a.lat),
      householdLine('T5', a.code, a.lon, a.lat),
    ].join('\n'));
    const err = await importData(db, await readInputFile(file), { asOf: '2018-06-30' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    const problems = (err as ImportError).problems;
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 7]);
    expect(problems[0].reason).toMatch(/status must be one of poor, exited, at_risk/);
    expect(problems[1].reason).toMatch(/size must be a whole number/);
    expect(problems[2].reason).toMatch(/512002001999 is not a village/);
    expect(problems[3].reason).toMatch(/T4 lies \d+ m outside its village/);
    expect(problems[4].reason).toMatch(/T5 appears again \(first on line 6\)/);
    expect(await count('households')).toBe(before);
  });

  it('refuses boundaries whose child lies outside its parent, naming it, and keeps the old ones', async () => {
    const before = await count('areas');
    const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '512099', name: '测试县' }, geometry: square(104, 30, 104.2, 30.2) },
        { type: 'Feature', properties: { code: '512099001', name: '测试镇' }, geometry: square(104, 30, 104.2, 30.2) },
        { type: 'Feature', properties: { code: '512099001001', name: '越界村村民委员会' }, geometry: square(104.1, 30, 104.3, 30.1) },
        { type: 'Feature', properties: { code: '5120991', name: '坏码' }, geometry: square(104, 30, 104.1, 30.1) },
      ],
    };
    const file = join(dir, 'bad-boundaries.geojson');
    writeFileSync(file, JSON.stringify(fc));
    const err = (await importData(db, await readInputFile(file), { asOf: '2018-06-30' }).catch((e: unknown) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.problems).toEqual([{ line: 4, reason: 'code "5120991" is not a 4-, 6-, 9- or 12-digit division code' }]);
    fc.features.pop();
    writeFileSync(file, JSON.stringify(fc));
    const err2 = (await importData(db, await readInputFile(file), { asOf: '2018-06-30' }).catch((e: unknown) => e)) as ImportError;
    expect(err2).toBeInstanceOf(ImportError);
    expect(err2.problems).toHaveLength(1); // the demo's households are synthetic: they may go
    expect(err2.problems[0]).toMatchObject({ line: 3 });
    expect(err2.problems[0].reason).toMatch(/512099001001: lies \d+ m² outside its parent 512099001/);
    expect(await count('areas')).toBe(before);
  });

  it('imports a zipped Shapefile of boundaries, repairing an invalid polygon, in place of the demo', async () => {
    // A bow-tie (self-intersecting) village: repaired into two triangles.
    features = [
      { type: 'Feature', properties: { code: '512099', name: '测试县' }, geometry: { type: 'Polygon', coordinates: [[[104, 30], [104.2, 30], [104.2, 30.2], [104, 30.2], [104, 30]]] } },
      { type: 'Feature', properties: { code: '512099001', name: '测试镇' }, geometry: { type: 'Polygon', coordinates: [[[104, 30], [104.2, 30], [104.2, 30.2], [104, 30.2], [104, 30]]] } },
      { type: 'Feature', properties: { code: '512099001001', name: '东村村民委员会' }, geometry: { type: 'Polygon', coordinates: [[[104, 30], [104.1, 30], [104.1, 30.2], [104, 30.2], [104, 30]]] } },
      { type: 'Feature', properties: { code: '512099001002', name: '西社区居民委员会' }, geometry: { type: 'Polygon', coordinates: [[[104.1, 30], [104.2, 30.2], [104.2, 30], [104.1, 30.2], [104.1, 30]]] } },
    ];
    const file = zipShapefile('boundaries.zip', features);
    const input = await readInputFile(file);
    expect(input.format).toBe('shapefile');
    const result = await importData(db, input, { asOf: '2018-06-30' });
    expect(result).toMatchObject({ kind: 'boundaries', rows: 4 });
    const areas = await db.query<{ code: string; level: string; kind: string | null; name: string; valid: boolean; parts: number }>(
      `SELECT code, level, kind, name, ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts FROM areas ORDER BY code`);
    expect(areas).toEqual([
      { code: '5120', level: 'city', kind: null, name: '5120', valid: true, parts: 1 },
      { code: '512099', level: 'county', kind: null, name: '测试县', valid: true, parts: 1 },
      { code: '512099001', level: 'township', kind: null, name: '测试镇', valid: true, parts: 1 },
      { code: '512099001001', level: 'village', kind: 'village', name: '东村村民委员会', valid: true, parts: 1 },
      { code: '512099001002', level: 'village', kind: 'community', name: '西社区居民委员会', valid: true, parts: 2 },
    ]);
    // The demo's generated households went with the demo's boundaries.
    expect(await count('households')).toBe(0);
  });

  it('replaces the households with a valid file, recording their state as of the given date', async () => {
    const file = join(dir, 'good.csv');
    // Inside the imported villages: the east square, and the right-hand triangle of the repaired bow-tie.
    writeFileSync(file, [HEADER, householdLine('G1', '512099001001', 104.05, 30.1), householdLine('G2', '512099001002', 104.19, 30.1, { status: 'poor' })].join('\n') + '\n');
    const result = await importData(db, await readInputFile(file), { asOf: '2018-06-30' });
    expect(result).toMatchObject({ kind: 'households', rows: 2, replaced: 0 });
    expect(await count('households')).toBe(2);
    expect(await db.query(`SELECT household_id, valid_from, status FROM household_history ORDER BY household_id`)).toEqual([
      { household_id: 'G1', valid_from: '2018-06-30', status: 'exited' },
      { household_id: 'G2', valid_from: '2018-06-30', status: 'poor' },
    ]);
  });

  it('refuses boundaries that would orphan real household records', async () => {
    const file = zipShapefile('fewer.zip', features.filter((f) => f.properties.code !== '512099001002'));
    const err = (await importData(db, await readInputFile(file), { asOf: '2018-06-30' }).catch((e: unknown) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.problems).toEqual([{ line: 0, reason: 'household G2 is in village 512099001002, which the new boundaries lack' }]);
    expect(await count('areas')).toBe(5);
    expect(await count('households')).toBe(2);
  });

  it('refuses a projected Shapefile with a message that says what to do', async () => {
    const { shp, shx, dbf } = writePolygonShapefile([{ type: 'Feature', properties: { code: '512099', name: 'x' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }]);
    const file = join(dir, 'projected.zip');
    writeFileSync(file, zipSync({ 'p.shp': shp, 'p.shx': shx, 'p.dbf': dbf, 'p.prj': strToU8('PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]') }));
    await expect(readInputFile(file)).rejects.toThrow(/projected coordinate system.*EPSG:4326/);
  });
});

describe('npm run import (the command)', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  }, 240000);
  afterAll(async () => {
    await scratch?.drop();
  });

  it('prints every rejected row and exits 1; then imports a good file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'campaign-import-cli-'));
    const households = readFileSync(join(repoRoot, 'data/households.csv'), 'utf8').split('\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, [households[0], households[1], households[2].replace(/,(poor|exited|at_risk),/, ',unknown,')].join('\n'));
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: scratch.url };
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const failed = await run(tsx, ['scripts/import.ts', bad], { cwd: repoRoot, env }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/import refused, nothing was written. 1 problem\(s\):\n\s+line 3: status must be one of/);
    const good = join(dir, 'good.csv');
    writeFileSync(good, households.slice(0, 201).join('\n'));
    const ok = await run(tsx, ['scripts/import.ts', good, '--as-of', '2018-07-01'], { cwd: repoRoot, env });
    expect(ok.stdout).toMatch(/imported 200 households rows/);
    expect(ok.stderr).toMatch(/households: 200\/200/);
    rmSync(dir, { recursive: true, force: true });
  }, 120000);
});
