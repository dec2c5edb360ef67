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
import { setTarget } from '../../../server/progress/targets.ts';

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

  it('a file for another city would replace the demo, and a dry run lists all that would go', async () => {
    const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
    const file = join(dir, 'other-city.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { code: '511099', name: '别县' }, geometry: square(103, 29, 103.1, 29.1) },
      { type: 'Feature', properties: { code: '511099001', name: '别镇' }, geometry: square(103, 29, 103.1, 29.1) },
      { type: 'Feature', properties: { code: '511099001001', name: '别村村民委员会' }, geometry: square(103, 29, 103.1, 29.1) },
    ] }));
    const [areas, households] = [await count('areas'), await count('households')];
    const report = await importData(db, await readInputFile(file), { asOf: '2018-06-30', actor: 'test' });
    expect(report.written).toBe(false);
    const removed = (table: string) => report.changes.filter((c) => c.table === table && c.change === 'remove').length;
    expect(removed('areas')).toBe(areas);
    expect(removed('households')).toBe(households);
    expect(removed('users')).toBeGreaterThan(0);
    expect([await count('areas'), await count('households')]).toEqual([areas, households]);
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
    const err = await importData(db, await readInputFile(file), { asOf: '2018-06-30', actor: 'test', write: true }).catch((e: unknown) => e);
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
    const err = (await importData(db, await readInputFile(file), { asOf: '2018-06-30', actor: 'test', write: true }).catch((e: unknown) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.problems).toEqual([{ line: 4, reason: 'code "5120991" is not a 4-, 6-, 9- or 12-digit division code' }]);
    fc.features.pop();
    writeFileSync(file, JSON.stringify(fc));
    const err2 = (await importData(db, await readInputFile(file), { asOf: '2018-06-30', actor: 'test', write: true }).catch((e: unknown) => e)) as ImportError;
    expect(err2).toBeInstanceOf(ImportError);
    expect(err2.problems).toHaveLength(1);
    expect(err2.problems[0]).toMatchObject({ line: 3 });
    expect(err2.problems[0].reason).toMatch(/512099001001: lies \d+ m² outside its parent 512099001/);
    expect(await count('areas')).toBe(before);
  });

  it('adds a county from a zipped Shapefile, repairing an invalid polygon, and leaves the other counties and their records alone', async () => {
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
    const [areasBefore, householdsBefore] = [await count('areas'), await count('households')];
    const result = await importData(db, input, { asOf: '2018-06-30', actor: 'test', write: true });
    expect(result).toMatchObject({ kind: 'boundaries', rows: 4, written: true });
    expect(result.changes.filter((c) => c.change === 'add').map((c) => c.id)).toEqual(['512099', '512099001', '512099001001', '512099001002']);
    expect(result.changes.filter((c) => c.change === 'remove')).toEqual([]);
    const areas = await db.query<{ code: string; level: string; kind: string | null; name: string; valid: boolean; parts: number }>(
      `SELECT code, level, kind, name, ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts FROM areas WHERE code LIKE '512099%' ORDER BY code`);
    expect(areas).toEqual([
      { code: '512099', level: 'county', kind: null, name: '测试县', valid: true, parts: 1 },
      { code: '512099001', level: 'township', kind: null, name: '测试镇', valid: true, parts: 1 },
      { code: '512099001001', level: 'village', kind: 'village', name: '东村村民委员会', valid: true, parts: 1 },
      { code: '512099001002', level: 'village', kind: 'community', name: '西社区居民委员会', valid: true, parts: 2 },
    ]);
    expect(await count('areas')).toBe(areasBefore + 4);
    // The city is the union of all its counties, the new one included; nobody's households went.
    expect(await db.query(`SELECT ST_Covers(c.geom, n.geom) AS covers FROM areas c, areas n WHERE c.code = '5120' AND n.code = '512099'`)).toEqual([{ covers: true }]);
    expect(await count('households')).toBe(householdsBefore);
  });

  it('adds households from a valid file, recording their state as of the given date', async () => {
    const file = join(dir, 'good.csv');
    const before = await count('households');
    // Inside the imported villages: the east square, and the right-hand triangle of the repaired bow-tie.
    writeFileSync(file, [HEADER, householdLine('G1', '512099001001', 104.05, 30.1), householdLine('G2', '512099001002', 104.19, 30.1, { status: 'poor' })].join('\n') + '\n');
    const result = await importData(db, await readInputFile(file), { asOf: '2018-06-30', actor: 'test', write: true });
    expect(result).toMatchObject({ kind: 'households', rows: 2, written: true, unchanged: 0 });
    expect(result.changes).toEqual([{ table: 'households', id: 'G1', change: 'add' }, { table: 'households', id: 'G2', change: 'add' }]);
    expect(await count('households')).toBe(before + 2);
    expect(await db.query(`SELECT household_id, valid_from, status FROM household_history WHERE household_id IN ('G1', 'G2') ORDER BY household_id`)).toEqual([
      { household_id: 'G1', valid_from: '2018-06-30', status: 'exited' },
      { household_id: 'G2', valid_from: '2018-06-30', status: 'poor' },
    ]);
  });

  it('refuses boundaries that would leave a real household without a village, naming it', async () => {
    const file = zipShapefile('fewer.zip', features.filter((f) => f.properties.code !== '512099001002'));
    const before = await count('areas');
    const err = (await importData(db, await readInputFile(file), { asOf: '2018-06-30', actor: 'test', write: true }).catch((e: unknown) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.problems).toEqual([{ line: 0, reason: 'household G2 is in village 512099001002, which the new boundaries lack, and its point lies in none of the file\'s villages' }]);
    expect(await count('areas')).toBe(before);
    expect(await db.query(`SELECT id FROM households WHERE id IN ('G1', 'G2') ORDER BY id`)).toEqual([{ id: 'G1' }, { id: 'G2' }]);
  });

  it('refuses a projected Shapefile with a message that says what to do', async () => {
    const { shp, shx, dbf } = writePolygonShapefile([{ type: 'Feature', properties: { code: '512099', name: 'x' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }]);
    const file = join(dir, 'projected.zip');
    writeFileSync(file, zipSync({ 'p.shp': shp, 'p.shx': shx, 'p.dbf': dbf, 'p.prj': strToU8('PROJCS["CGCS2000_3_Degree_GK_CM_105E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]') }));
    await expect(readInputFile(file)).rejects.toThrow(/projected coordinate system.*EPSG:4326/);
  });
});

const CSV_COLUMNS = `id, village_code, ST_X(geom)::text AS lon, ST_Y(geom)::text AS lat, size, labour_count, employed_members, income_per_capita,
  poverty_cause, status, food_clothing, education, medical, housing, medical_insurance, needs_relocation, needs_renovation,
  coalesce(exit_date::text, '') AS exit_date, head_name, phone`;
const csvLine = (row: Record<string, unknown>) => HEADER.split(',').map((k) => {
  const v = String(row[k] ?? '');
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}).join(',');

describe('imports never delete silently', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let dir: string;
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const run = async (file: string, options: { asOf: string; write?: boolean; replaceArea?: string }) =>
    importData(db, await readInputFile(file), { actor: 'test', ...options });
  const one = async <T,>(sql: string, params: unknown[] = []) => (await db.query<T & Record<string, unknown>>(sql, params))[0];
  const fingerprint = async (exclude: string[]) => (await one<{ f: string }>(
    `SELECT md5(string_agg(id || village_code || status || income_per_capita || version, ',' ORDER BY id)) AS f FROM households WHERE NOT (id = ANY($1::text[]))`, [exclude])).f;
  const households = async () => (await one<{ n: number }>('SELECT count(*)::int AS n FROM households')).n;
  const auditRows = async () => (await one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).n;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', statementTimeoutMs: 60000 });
    dir = mkdtempSync(join(tmpdir(), 'campaign-import-keep-'));
  }, 240000);
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a household file updates and adds by id, leaves every other household alone, and is a dry run unless told to write', async () => {
    const rows = await db.query<Record<string, unknown>>(`SELECT ${CSV_COLUMNS} FROM households ORDER BY id LIMIT 2`);
    const [h1, h2] = rows;
    const changedIncome = Number(h2.income_per_capita) + 1000;
    const added = { ...h1, id: 'NEW-1', head_name: '新户' };
    const file = write('update.csv', [HEADER, csvLine(h1), csvLine({ ...h2, income_per_capita: changedIncome }), csvLine(added)].join('\n'));
    const [count0, others0, audit0] = [await households(), await fingerprint([]), await auditRows()];
    const untouched0 = await fingerprint([String(h1.id), String(h2.id), 'NEW-1']);

    const dry = await run(file, { asOf: '2018-12-15' });
    expect(dry.written).toBe(false);
    expect(dry.changes).toEqual([
      { table: 'households', id: h1.id, change: 'change', detail: 'now a real record, not generated' },
      { table: 'households', id: h2.id, change: 'change', detail: 'income_per_capita' },
      { table: 'households', id: 'NEW-1', change: 'add' },
    ]);
    expect([await households(), await fingerprint([]), await auditRows()]).toEqual([count0, others0, audit0]);

    // A target an administrator set survives the targets' new split.
    const county = String(h1.village_code).slice(0, 6);
    await setTarget(db, { actorId: 0, actor: 'test', ip: '' }, { code: county, year: 2018, indicator: 'people_lifted', value: 12345 });
    const done = await run(file, { asOf: '2018-12-15', write: true });
    expect(done).toMatchObject({ written: true, changes: dry.changes });
    expect(await one(`SELECT value::int AS value FROM targets WHERE area_code = $1 AND year = 2018 AND indicator = 'people_lifted'`, [county])).toEqual({ value: 12345 });
    expect(await households()).toBe(count0 + 1);
    expect(await fingerprint([String(h1.id), String(h2.id), 'NEW-1'])).toBe(untouched0);
    const stored = await one<{ income_per_capita: number; version: number; synthetic: boolean }>(
      'SELECT income_per_capita, version, synthetic FROM households WHERE id = $1', [h2.id]);
    expect(stored).toMatchObject({ income_per_capita: changedIncome, synthetic: false });
    expect(await db.query(`SELECT household_id, valid_from, income_per_capita FROM household_history WHERE valid_from = '2018-12-15' ORDER BY household_id`))
      .toEqual([{ household_id: h2.id, valid_from: '2018-12-15', income_per_capita: changedIncome }, { household_id: 'NEW-1', valid_from: '2018-12-15', income_per_capita: Number(h1.income_per_capita) }]);
    expect(await db.query(`SELECT action, entity_id, before, after->'income_per_capita' AS income FROM audit_log WHERE id > (SELECT max(id) - 4 FROM audit_log) ORDER BY id`)).toEqual([
      { action: 'import.change', entity_id: h1.id, before: {}, income: null },
      { action: 'import.change', entity_id: h2.id, before: { income_per_capita: Number(h2.income_per_capita) }, income: changedIncome },
      { action: 'import.add', entity_id: 'NEW-1', before: null, income: null },
      { action: 'import.households', entity_id: '*', before: null, income: null },
    ]);

    // The same file again changes nothing.
    const again = await run(file, { asOf: '2018-12-15', write: true });
    expect(again).toMatchObject({ changes: [], unchanged: 3 });
  });

  it('refuses a change dated before the household\'s latest recorded change', async () => {
    const [h] = await db.query<Record<string, unknown>>(`SELECT ${CSV_COLUMNS} FROM households WHERE id = 'NEW-1'`);
    const file = write('late.csv', [HEADER, csvLine({ ...h, income_per_capita: 9999 })].join('\n'));
    const err = (await run(file, { asOf: '2018-06-30', write: true }).catch((e: unknown) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.problems).toEqual([{ line: 2, reason: "household NEW-1 has a recorded change on 2018-12-15, after the import's date 2018-06-30; import with --as-of 2018-12-15 or later" }]);
  });

  it('replaces one area\'s households only when told which area, reporting and auditing every removal with its history', async () => {
    const { village } = await one<{ village: string }>(`SELECT village_code AS village FROM households WHERE id = 'NEW-1'`);
    const inVillage = await db.query<Record<string, unknown>>(`SELECT ${CSV_COLUMNS} FROM households WHERE village_code = $1 ORDER BY id`, [village]);
    expect(inVillage.length).toBeGreaterThan(3);
    const keep = inVillage.slice(0, 2);
    const goneIds = inVillage.slice(2).map((h) => String(h.id));
    const file = write('replace.csv', [HEADER, ...keep.map(csvLine)].join('\n'));
    const elsewhere = await fingerprint(inVillage.map((h) => String(h.id)));
    const count0 = await households();

    // A row outside the named area is refused: the flag names what is replaced, nothing more.
    const township = village.slice(0, 9);
    const [stranger] = await db.query<Record<string, unknown>>(`SELECT ${CSV_COLUMNS} FROM households WHERE village_code NOT LIKE $1 || '%' LIMIT 1`, [township]);
    const wide = write('replace-wide.csv', [HEADER, ...keep.map(csvLine), csvLine(stranger)].join('\n'));
    const err = (await run(wide, { asOf: '2018-12-15', replaceArea: village }).catch((e: unknown) => e)) as ImportError;
    expect(err.problems).toEqual([{ line: 4, reason: `village_code ${stranger.village_code} is outside area ${village}, whose households this file replaces` }]);

    const dry = await run(file, { asOf: '2018-12-15', replaceArea: village });
    const removals = dry.changes.filter((c) => c.change === 'remove');
    expect(removals.filter((c) => c.table === 'households').map((c) => c.id)).toEqual(goneIds);
    expect(removals.filter((c) => c.table === 'household_history').reduce((n, c) => n + (c.count ?? 1), 0)).toBeGreaterThan(0);
    expect(await households()).toBe(count0);

    await run(file, { asOf: '2018-12-15', replaceArea: village, write: true });
    expect(await households()).toBe(count0 - goneIds.length);
    expect(await fingerprint(inVillage.map((h) => String(h.id)))).toBe(elsewhere);
    const audited = await db.query<{ entity_id: string; history: number; reason: string }>(
      `SELECT entity_id, jsonb_array_length(before->'history')::int AS history, reason FROM audit_log
       WHERE action = 'import.remove' AND entity = 'household' ORDER BY entity_id`);
    expect(audited.map((a) => a.entity_id)).toEqual(goneIds);
    expect(audited.every((a) => a.history > 0 && a.reason === `household import replacing area ${village}: not in the file`)).toBe(true);
  });

  it('re-importing a county with two villages merged keeps every record whose code survives and moves real households to the merged village', async () => {
    // The county's own boundaries, as an office would export them, with two neighbouring villages merged.
    const [a, b] = await db.query<{ a: string; b: string }>(`SELECT a, b FROM village_adjacency WHERE a LIKE '512002%' AND left(a, 9) = left(b, 9)
       AND EXISTS (SELECT 1 FROM households h WHERE h.village_code = b AND h.geom IS NOT NULL) ORDER BY a, b LIMIT 1`)
      .then((r) => [r[0].a, r[0].b]);
    const merged = `${a.slice(0, 9)}999`;
    const areas = await db.query<{ code: string; name: string; geometry: string }>(
      `SELECT code, name, ST_AsGeoJSON(geom, 15) AS geometry FROM areas WHERE code LIKE '512002%' AND code <> ALL($1::text[])
       UNION ALL SELECT $2, '合并村村民委员会', ST_AsGeoJSON(ST_Union(geom), 15) FROM areas WHERE code = ANY($1::text[]) ORDER BY code`, [[a, b], merged]);
    const file = write('county.geojson', JSON.stringify({ type: 'FeatureCollection', features: areas.map((r) => ({
      type: 'Feature', properties: { code: r.code, name: r.name, synthetic: r.code.length > 6 }, geometry: JSON.parse(r.geometry) })) }));
    // One household of village b becomes a real record (as a township's file would make it).
    const [real] = await db.query<Record<string, unknown>>(`SELECT ${CSV_COLUMNS} FROM households WHERE village_code = $1 AND geom IS NOT NULL ORDER BY id LIMIT 1`, [b]);
    await run(write('real.csv', [HEADER, csvLine(real)].join('\n')), { asOf: '2018-12-15', write: true });
    const demoIn = (await db.query<{ id: string }>('SELECT id FROM households WHERE village_code = ANY($1::text[]) AND synthetic ORDER BY id', [[a, b]])).map((r) => r.id);
    const outsideCounty = await db.query(`SELECT md5(string_agg(id || village_code || version, ',' ORDER BY id)) AS f FROM households WHERE village_code NOT LIKE '512002%'`);
    const otherAreas = `SELECT md5(string_agg(code || name || ST_AsText(geom), ',' ORDER BY code)) AS f FROM areas WHERE code NOT LIKE '512002%' AND code <> '5120'`;
    const otherAreas0 = await db.query(otherAreas);
    const count0 = await households();

    const dry = await run(file, { asOf: '2018-12-15' });
    expect(dry.written).toBe(false);
    expect(dry.changes.filter((c) => c.table === 'areas').map((c) => [c.change, c.id])).toEqual(
      expect.arrayContaining([['remove', a], ['remove', b], ['add', merged]]));
    expect(dry.changes.filter((c) => c.table === 'areas' && c.change === 'change')).toEqual([]);
    expect(dry.changes.find((c) => c.id === real.id)).toEqual({ table: 'households', id: real.id, change: 'change',
      detail: `moved from village ${b} (not in the file) to ${merged}, where its point lies` });
    expect(dry.changes.filter((c) => c.table === 'households' && c.change === 'remove').map((c) => c.id)).toEqual(demoIn);
    expect(await households()).toBe(count0);

    const done = await run(file, { asOf: '2018-12-15', write: true });
    expect(done.changes).toEqual(dry.changes);
    expect(await households()).toBe(count0 - demoIn.length);
    expect(await one(`SELECT village_code FROM households WHERE id = $1`, [real.id])).toEqual({ village_code: merged });
    expect(await db.query(`SELECT md5(string_agg(id || village_code || version, ',' ORDER BY id)) AS f FROM households WHERE village_code NOT LIKE '512002%'`)).toEqual(outsideCounty);
    // The other counties are untouched; every removed area and household has its audit row.
    expect(await db.query(otherAreas)).toEqual(otherAreas0);
    expect((await db.query(`SELECT entity_id FROM audit_log WHERE action = 'import.remove' AND entity = 'area' ORDER BY entity_id`)).map((r) => r.entity_id)).toEqual([a, b]);
    expect(await one(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.remove' AND entity = 'household' AND entity_id = ANY($1::text[])`, [demoIn]))
      .toEqual({ n: demoIn.length });
    expect(await one(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.move' AND entity_id = $1`, [real.id])).toEqual({ n: 1 });
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
    const env = { ...process.env, DATABASE_URL: scratch.url, MIGRATION_DATABASE_URL: scratch.ownerUrl };
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const failed = await run(tsx, ['scripts/import.ts', bad], { cwd: repoRoot, env }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/import refused, nothing was written. 1 problem\(s\):\n\s+line 3: status must be one of/);
    const good = join(dir, 'good.csv');
    writeFileSync(good, households.slice(0, 201).join('\n'));
    // By default a dry run: it says what would change and writes nothing.
    const dry = await run(tsx, ['scripts/import.ts', good, '--as-of', '2018-12-15'], { cwd: repoRoot, env });
    expect(dry.stdout).toMatch(/households import, 200 row\(s\) in the file \(DRY RUN: nothing was written\)\n\s+households: 0 added, 200 changed, 0 removed/);
    expect(dry.stdout).toMatch(/Run again with --write to apply these changes/);
    const db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', statementTimeoutMs: 60000 });
    try {
      expect(await db.query(`SELECT count(*)::int AS n FROM households WHERE NOT synthetic`)).toEqual([{ n: 0 }]);
      const ok = await run(tsx, ['scripts/import.ts', good, '--as-of', '2018-12-15', '--write'], { cwd: repoRoot, env });
      expect(ok.stdout).toMatch(/imported 200 households rows/);
      expect(ok.stderr).toMatch(/changed households \[#+\] 100% 200\/200 \d+ rows\/s/);
      expect(await db.query(`SELECT count(*)::int AS n FROM households WHERE NOT synthetic`)).toEqual([{ n: 200 }]);
      // --replace names an area of households; a boundary file is refused with it.
      const wrong = await run(tsx, ['scripts/import.ts', join(repoRoot, 'data/areas.geojson'), '--replace', '512002'], { cwd: repoRoot, env })
        .catch((e: { code: number; stderr: string }) => e);
      expect(wrong).toMatchObject({ code: 1 });
      expect((wrong as { stderr: string }).stderr).toMatch(/--replace names the area whose households a household file replaces/);
    } finally {
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }, 120000);
});
