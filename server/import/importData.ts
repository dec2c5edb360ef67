import type { Feature, Geometry } from 'geojson';
import type { Database } from '../db/openDatabase.ts';
import { parseRows, type RawRow, type RowProblem } from '../dataset/fields.ts';
import { parseAreaFeature, parseHousehold } from '../dataset/records.ts';
import type { AreaRecord, HouseholdRecord } from '../dataset/types.ts';
import { checkAreas } from '../dataset/checkAreas.ts';
import { refreshAdjacency } from '../parks/refreshAdjacency.ts';
import { insertAreas, insertHouseholdHistory, insertHouseholds, insertPovertyVillages, refreshDerived, type Progress } from '../dataset/writeDataset.ts';
import { BadRequestError } from '../errors.ts';
import type { InputFile } from './readInputFile.ts';
import { writeAudit } from '../audit/writeAudit.ts';

export type ImportKind = 'boundaries' | 'households';

/** An import was refused; nothing was written. Every rejected row is listed. */
export class ImportError extends Error {
  constructor(public readonly problems: RowProblem[], summary?: string) {
    super(summary ?? `import refused: ${problems.length} problem(s); nothing was written`);
    this.name = 'ImportError';
  }
}

export interface ImportResult {
  kind: ImportKind;
  rows: number;
  replaced: number;
}

/** Polygons are boundaries; points and CSV rows are household records. */
export function detectKind(input: InputFile): ImportKind {
  if (input.format === 'csv') return 'households';
  const first = input.features.find((f) => f.geometry);
  return first && (first.geometry!.type === 'Polygon' || first.geometry!.type === 'MultiPolygon') ? 'boundaries' : 'households';
}

function householdRows(input: InputFile): { line: number; row: RawRow }[] {
  if (input.format === 'csv') return input.rows;
  return input.features.map((f, i) => {
    const row: RawRow = { ...(f.properties ?? {}) };
    if (f.geometry?.type === 'Point') [row.lon, row.lat] = f.geometry.coordinates;
    else if (f.geometry) row.lon = `(a ${f.geometry.type}, not a Point)`;
    return { line: i + 1, row };
  });
}

function duplicates(items: { line: number; key: string }[], what: string): RowProblem[] {
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  for (const { line, key } of items) {
    const first = seen.get(key);
    if (first !== undefined) problems.push({ line, reason: `${what} ${key} appears again (first on line ${first})` });
    else seen.set(key, line);
  }
  return problems;
}

async function importBoundaries(db: Database, input: InputFile, progress?: Progress): Promise<ImportResult> {
  if (input.format === 'csv') throw new BadRequestError('boundaries must be GeoJSON or a zipped Shapefile, not CSV');
  const lines = input.features.map((f, i) => ({ line: i + 1, row: f as unknown as RawRow }));
  const { records, lines: recordLines, problems } = parseRows(lines, (row) => parseAreaFeature(row as unknown as Feature<Geometry | null>));
  const lineOf = new Map(records.map((r, i) => [r.code, recordLines[i]]));
  problems.push(...duplicates(records.map((r, i) => ({ line: recordLines[i], key: r.code })), 'code'));
  const codes = new Set(records.map((r) => r.code));
  for (const r of records) {
    if (r.parent && !codes.has(r.parent) && r.level !== 'county') {
      problems.push({ line: lineOf.get(r.code)!, reason: `${r.code} ${r.name}: its parent ${r.parent} is not in the file` });
    }
  }
  if (!records.some((r) => r.level === 'county')) problems.push({ line: 0, reason: 'the file has no county (6-digit code): boundaries are imported as a whole hierarchy' });
  const cities = [...new Set(records.filter((r) => r.level === 'county').map((r) => r.parent!))];
  if (cities.length > 1) problems.push({ line: 0, reason: `the counties belong to more than one city (${cities.join(', ')})` });
  if (problems.length > 0) throw new ImportError(problems.sort((a, b) => a.line - b.line));

  const poverty = input.features.flatMap((f) => (f.properties?.poverty === true || f.properties?.poverty === 'true' || f.properties?.poverty === 1) ? [String(f.properties.code)] : []);
  return db.transaction(async (tx) => {
    const orphaned = await tx.query<{ id: string; village_code: string }>(
      `SELECT id, village_code FROM households WHERE NOT synthetic AND NOT (village_code = ANY($1::text[])) ORDER BY id LIMIT 50`, [[...codes]]);
    const refused: RowProblem[] = orphaned.map((h) => ({ line: 0, reason: `household ${h.id} is in village ${h.village_code}, which the new boundaries lack` }));
    const keptCodes = [...codes, ...cities];
    const homeless = await tx.query<{ username: string; area_code: string }>(
      'SELECT username, area_code FROM users WHERE NOT demo AND NOT (area_code = ANY($1::text[])) ORDER BY username', [keptCodes]);
    refused.push(...homeless.map((u) => ({ line: 0, reason: `account ${u.username} works for area ${u.area_code}, which the new boundaries lack` })));
    // Demo accounts belong to the demo's areas.
    await tx.query('DELETE FROM users WHERE demo AND NOT (area_code = ANY($1::text[]))', [keptCodes]);
    // The demo's generated records belong to the demo's boundaries: they go with them. (Orphaned
    // real households are removed too, so the checks below can run; the import is then refused.)
    for (const sql of [
      'DELETE FROM activities WHERE synthetic', 'DELETE FROM projects WHERE synthetic', 'DELETE FROM parks WHERE synthetic',
      'DELETE FROM poverty_villages',
    ]) await tx.query(sql);
    await tx.query('DELETE FROM households WHERE synthetic OR NOT (village_code = ANY($1::text[]))', [[...codes]]);
    const [{ n: replaced }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM areas');
    await tx.query('DELETE FROM park_villages WHERE village_code NOT IN (SELECT unnest($1::text[]))', [[...codes]]);
    await tx.query('DELETE FROM areas');
    const all: AreaRecord[] = [...records];
    await insertAreas(tx, all, progress);
    if (!records.some((r) => r.level === 'city')) {
      // The city is the union of its counties when the file does not give it.
      await tx.query(`INSERT INTO areas (code, level, kind, name, short_name, parent_code, geom, label_point, synthetic)
        SELECT $1, 'city', NULL, $1, $1, NULL, ST_Multi(ST_Union(geom)), ST_PointOnSurface(ST_Union(geom)), false
        FROM areas WHERE level = 'county'`, [cities[0]]);
    }
    await insertPovertyVillages(tx, poverty.map((code) => ({ code, plannedExitYear: 2018, exitStatus: 'pending', exitDate: null, synthetic: false })));
    const areaProblems = await checkAreas(tx);
    refused.push(...areaProblems.map((p) => ({ line: lineOf.get(p.code) ?? 0, reason: `${p.code}: ${p.reason}` })));
    if (refused.length > 0) throw new ImportError(refused.sort((a, b) => a.line - b.line));
    await refreshDerived(tx);
    await refreshAdjacency(tx);
    await tx.query(`INSERT INTO dataset_meta (key, value) VALUES ('meta', jsonb_build_object('synthetic', false, 'importedAt', now()::text))
      ON CONFLICT (key) DO UPDATE SET value = dataset_meta.value || jsonb_build_object('boundariesImportedAt', now()::text)`);
    return { kind: 'boundaries' as const, rows: records.length, replaced };
  });
}

async function importHouseholds(db: Database, input: InputFile, asOf: string, progress?: Progress): Promise<ImportResult> {
  const rows = householdRows(input);
  const parsed = parseRows(rows, (row) => parseHousehold(row, false));
  const problems = parsed.problems;
  const lineOf = new Map(parsed.records.map((r, i) => [r.id, parsed.lines[i]]));
  problems.push(...duplicates(parsed.records.map((r, i) => ({ line: parsed.lines[i], key: r.id })), 'id'));
  if (parsed.records.length === 0 && problems.length === 0) problems.push({ line: 0, reason: 'the file has no household rows' });
  // Every row is checked against the database too, so one report lists all that is wrong.
  return db.transaction(async (tx) => {
    const known = new Set((await tx.query<{ code: string }>(
      `SELECT code FROM areas WHERE level = 'village' AND code = ANY($1::text[])`,
      [[...new Set(parsed.records.map((r) => r.villageCode))]])).map((r) => r.code));
    const records: HouseholdRecord[] = [];
    for (const r of parsed.records) {
      if (known.has(r.villageCode)) records.push(r);
      else problems.push({ line: lineOf.get(r.id)!, reason: `village_code ${r.villageCode} is not a village in the boundaries` });
    }
    const [{ n: replaced }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM households');
    await tx.query('DELETE FROM households');
    await insertHouseholds(tx, [...new Map(records.map((r) => [r.id, r])).values()], progress);
    const outside = await tx.query<{ id: string; village_code: string; m: number }>(
      `SELECT h.id, h.village_code, round(ST_Distance(h.geom::geography, a.geom::geography))::int AS m
       FROM households h JOIN areas a ON a.code = h.village_code
       WHERE h.geom IS NOT NULL AND NOT ST_Intersects(a.geom, h.geom) ORDER BY h.id`);
    for (const o of outside) problems.push({ line: lineOf.get(o.id) ?? 0, reason: `household ${o.id} lies ${o.m} m outside its village ${o.village_code}` });
    if (problems.length > 0) throw new ImportError(problems.sort((x, y) => x.line - y.line));
    // Imported records carry no history: their state is recorded as of the import date.
    await insertHouseholdHistory(tx, records.map((r) => ({
      householdId: r.id, validFrom: asOf, status: r.status, incomePerCapita: r.incomePerCapita, foodClothing: r.foodClothing,
      education: r.education, medical: r.medical, housing: r.housing, medicalInsurance: r.medicalInsurance,
      employedMembers: r.employedMembers, relocated: false, renovated: false,
    })), progress);
    await refreshDerived(tx);
    await writeAudit(tx, { actorId: null, actor: 'npm run import', ip: 'cli', action: 'import.households', entity: 'households', entityId: '*',
      before: { households: replaced }, after: { households: records.length, asOf } });
    return { kind: 'households' as const, rows: records.length, replaced };
  });
}

/** Imports boundaries or household records in place of what is there: all of it, or nothing. */
export async function importData(db: Database, input: InputFile, options: { kind?: ImportKind; asOf: string; progress?: Progress }): Promise<ImportResult> {
  const kind = options.kind ?? detectKind(input);
  return kind === 'boundaries' ? importBoundaries(db, input, options.progress) : importHouseholds(db, input, options.asOf, options.progress);
}
