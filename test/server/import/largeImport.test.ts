import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db/openDatabase.ts';
import { importData, ImportError } from '../../../server/import/importData.ts';
import { LISTED } from '../../../server/import/householdImport.ts';
import { formatReport } from '../../../server/import/importReport.ts';
import { readInputFile } from '../../../server/import/readInputFile.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';

const HEADER = 'id,village_code,lon,lat,size,labour_count,employed_members,income_per_capita,poverty_cause,status,food_clothing,education,medical,housing,medical_insurance,needs_relocation,needs_renovation,exit_date,head_name,phone';

// A file larger than one staged batch (5,000 rows), so a bad row late in it comes after rows already staged.
const ROWS = 12_000;

describe('a large household file: streamed, all or nothing, its report bounded', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let dir: string;
  let villages: { code: string; lon: number; lat: number }[];
  const one = async <T,>(sql: string) => (await db.query<T & Record<string, unknown>>(sql))[0];
  const state = async () => one<{ households: number; history: number; audit: number }>(
    `SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM household_history)::int AS history,
       (SELECT count(*) FROM audit_log)::int AS audit`);
  const line = (i: number, status = i % 3 === 0 ? 'exited' : 'poor') => {
    const v = villages[i % villages.length];
    return [`BIG${String(i).padStart(6, '0')}`, v.code, v.lon.toFixed(6), v.lat.toFixed(6), '3', '2', '1', String(3000 + i),
      '因病', status, 'true', 'true', 'true', 'true', 'true', 'false', 'false', status === 'exited' ? '2018-09-01' : '', '测试户', ''].join(',');
  };
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
    return path;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', statementTimeoutMs: 60000 });
    dir = mkdtempSync(join(tmpdir(), 'campaign-large-import-'));
    villages = await db.query(`SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas
      WHERE level = 'village' AND ST_Intersects(geom, label_point) ORDER BY code LIMIT 40`);
  }, 240000);
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one bad row in the middle refuses the whole file, and the rows staged before it leave nothing behind', async () => {
    const before = await state();
    const lines = Array.from({ length: ROWS }, (_, i) => (i === 7000 ? line(i, 'gone') : line(i)));
    const err = await importData(db, await readInputFile(file('bad-middle.csv', lines)), { asOf: '2018-12-31', actor: 'test', write: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).problems).toEqual([{ line: 7002, reason: 'status must be one of poor, exited, at_risk, got "gone"' }]);
    expect(await state()).toEqual(before);
    // The staging tables went with the transaction.
    expect(await one(`SELECT to_regclass('incoming_households') IS NULL AS gone`)).toEqual({ gone: true });
  }, 120000);

  it('the same file made good is written whole; the report counts every row and lists the first', async () => {
    const before = await state();
    const path = file('good.csv', Array.from({ length: ROWS }, (_, i) => line(i)));
    const report = await importData(db, await readInputFile(path), { asOf: '2018-12-31', actor: 'test', write: true });
    expect(report).toMatchObject({ written: true, rows: ROWS, unchanged: 0, unlisted: ROWS - LISTED,
      summary: [{ table: 'households', add: ROWS, change: 0, remove: 0 }] });
    expect(report.changes).toHaveLength(LISTED);
    expect(report.changes[0]).toEqual({ table: 'households', id: 'BIG000000', change: 'add' });
    expect(formatReport(report).slice(0, 3)).toEqual([
      `households import, ${ROWS} row(s) in the file (written)`, `  households: ${ROWS} added, 0 changed, 0 removed`, '  unchanged: 0']);
    // A household, its dated state and an audit row per row of the file, and one for the import.
    expect(await state()).toEqual({ households: before.households + ROWS, history: before.history + ROWS, audit: before.audit + ROWS + 1 });
    expect(await one(`SELECT count(*)::int AS n FROM household_history WHERE household_id LIKE 'BIG%' AND valid_from = '2018-12-31'`)).toEqual({ n: ROWS });
    // The audit rows are in the file's order, and an added household's row holds the record.
    const audit = await db.query<{ entity_id: string; after: Record<string, unknown> }>(
      `SELECT entity_id, after FROM audit_log WHERE action = 'import.add' AND entity_id LIKE 'BIG%' ORDER BY id LIMIT 2`);
    expect(audit.map((a) => a.entity_id)).toEqual(['BIG000000', 'BIG000001']);
    expect(audit[0].after).toMatchObject({ id: 'BIG000000', villageCode: villages[0].code, size: 3, incomePerCapita: 3000,
      status: 'exited', exitDate: '2018-09-01', synthetic: false, effectiveDate: '2018-12-31' });

    // Again: nothing changes, and the totals say so without listing a row.
    const again = await importData(db, await readInputFile(path), { asOf: '2018-12-31', actor: 'test' });
    expect(again).toMatchObject({ written: false, rows: ROWS, unchanged: ROWS, changes: [], unlisted: 0, summary: [] });
  }, 180000);

  it('a GeoJSON file of points is streamed too: a bad feature late in it refuses all, and the good file adds every household', async () => {
    const feature = (i: number, status?: string) => {
      const [id, village, lon, lat, size, labour, employed, income, cause, st, ...rest] = line(i, status).split(',');
      const names = HEADER.split(',');
      const properties = Object.fromEntries([id, village, '', '', size, labour, employed, income, cause, st, ...rest].map((v, k) => [names[k], v])
        .filter(([k]) => k !== 'lon' && k !== 'lat'));
      return { type: 'Feature', properties: { ...properties, id: `GEO${id}` }, geometry: { type: 'Point', coordinates: [Number(lon), Number(lat)] } };
    };
    const write = (name: string, features: unknown[]) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
      return path;
    };
    const before = await state();
    const count = 6000;
    const bad = await readInputFile(write('points-bad.geojson', Array.from({ length: count }, (_, i) => feature(i, i === 5500 ? 'gone' : undefined))));
    expect(bad.format).toBe('geojson-points');
    const err = await importData(db, bad, { asOf: '2018-12-31', actor: 'test', write: true }).catch((e: unknown) => e);
    expect((err as ImportError).problems).toEqual([{ line: 5501, reason: 'status must be one of poor, exited, at_risk, got "gone"' }]);
    expect(await state()).toEqual(before);

    const good = await readInputFile(write('points.geojson', Array.from({ length: count }, (_, i) => feature(i))));
    const report = await importData(db, good, { asOf: '2018-12-31', actor: 'test', write: true });
    expect(report).toMatchObject({ written: true, rows: count, summary: [{ table: 'households', add: count, change: 0, remove: 0 }] });
    expect(await one(`SELECT count(*)::int AS n FROM households WHERE id LIKE 'GEOBIG%' AND geom IS NOT NULL`)).toEqual({ n: count });
    // Points are not boundaries: forced to be, the file is refused with what it holds.
    await expect(importData(db, good, { asOf: '2018-12-31', actor: 'test', kind: 'boundaries' })).rejects.toThrow(/holds points: boundaries are Polygon or MultiPolygon features/);
  }, 180000);

  it('a file with more problems than a report lists counts them all and lists the first', async () => {
    const lines = Array.from({ length: LISTED + 500 }, (_, i) => line(i, 'gone'));
    const err = (await importData(db, await readInputFile(file('all-bad.csv', lines)), { asOf: '2018-12-31', actor: 'test' })
      .catch((e: unknown) => e)) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.total).toBe(LISTED + 500);
    expect(err.problems).toHaveLength(LISTED);
    expect(err.problems[0].line).toBe(2);
    expect(err.message).toBe(`import refused: ${LISTED + 500} problem(s); nothing was written`);
  });
});
