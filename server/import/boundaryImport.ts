import type { Feature, Geometry } from 'geojson';
import type { Transaction } from '../db/openDatabase.ts';
import { parseRows, type RawRow, type RowProblem } from '../dataset/fields.ts';
import { parseAreaFeature } from '../dataset/records.ts';
import { checkAreas } from '../dataset/checkAreas.ts';
import { insertAreas, insertPovertyVillages } from '../dataset/writeDataset.ts';
import { BadRequestError } from '../errors.ts';
import type { InputFile } from './readInputFile.ts';
import type { ImportReport, RecordChange } from './importReport.ts';
import { removeRecords, type RemovableTable } from './removeRecords.ts';
import { duplicates, ImportError, type ImportOptions } from './importErrors.ts';

/** Old and new boundary of an area differ by less than a 10 m × 10 m square: the same boundary. */
export const BOUNDARY_CHANGE_M2 = 100;

/**
 * Boundaries for one or more whole counties. Areas of those counties are added, changed or, when
 * the file lacks them, removed; every other county is left as it is. Records keep their place
 * when their area's code survives. When it does not, real records are never removed: a household
 * moves to the new village its point lies in, and anything else is refused, named. The demo's
 * generated records go with the demo's areas. Runs in the caller's transaction.
 */
export async function importBoundaries(tx: Transaction, input: InputFile, options: ImportOptions): Promise<ImportReport> {
  if (input.format === 'csv') throw new BadRequestError('boundaries must be GeoJSON or a zipped Shapefile, not CSV');
  if (input.format === 'geojson-points') throw new BadRequestError(`${input.path} holds points: boundaries are Polygon or MultiPolygon features`);
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
  const counties = records.filter((r) => r.level === 'county').map((r) => r.code);
  if (counties.length === 0) problems.push({ line: 0, reason: 'the file has no county (6-digit code): boundaries are imported by whole counties' });
  const cities = [...new Set(records.filter((r) => r.level === 'county').map((r) => r.parent!))];
  if (cities.length > 1) problems.push({ line: 0, reason: `the counties belong to more than one city (${cities.join(', ')})` });
  if (problems.length > 0) throw new ImportError(problems.sort((a, b) => a.line - b.line));
  const city = cities[0];
  const refused: RowProblem[] = [];
  const changes: RecordChange[] = [];
  const audit = (reason: string) => ({ actor: options.actor, reason });

  // One database holds one city: another city's areas may be replaced only if they are the demo's.
  const others = await tx.query<{ code: string }>(
    `SELECT code FROM areas WHERE level = 'city' AND code <> $1 AND EXISTS (SELECT 1 FROM areas o WHERE o.code LIKE areas.code || '%' AND NOT o.synthetic AND o.level <> 'city' AND o.level <> 'county')
     ORDER BY code`, [city]);
  for (const o of others) refused.push({ line: 0, reason: `the database holds city ${o.code}'s own boundaries; this file is for city ${city}` });

  await tx.exec('CREATE TEMP TABLE incoming_areas (LIKE areas) ON COMMIT DROP');
  await insertAreas(tx, records, options.progress, 'incoming_areas');
  const countiesMoved = (await tx.query<{ moved: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM areas WHERE code = $1) OR EXISTS (SELECT 1 FROM incoming_areas i LEFT JOIN areas a ON a.code = i.code
       WHERE i.level = 'county' AND (a.code IS NULL OR CASE WHEN ST_AsEWKB(a.geom) = ST_AsEWKB(i.geom) THEN false
         ELSE ST_Area(ST_SymDifference(a.geom, i.geom)::geography) > $2 END)) AS moved`, [city, BOUNDARY_CHANGE_M2]))[0].moved;
  if (!codes.has(city) && !countiesMoved) {
    await tx.query(`INSERT INTO incoming_areas SELECT * FROM areas WHERE code = $1`, [city]);
  } else if (!codes.has(city)) {
    // The city is the union of its counties, the file's and the ones it leaves as they are.
    await tx.query(`INSERT INTO incoming_areas (code, level, kind, name, short_name, parent_code, geom, label_point, synthetic)
      SELECT $1, 'city', NULL, coalesce(old.name, $1), coalesce(old.short_name, $1), NULL, u.g, ST_PointOnSurface(u.g), false
      FROM (SELECT ST_Multi(ST_Union(geom)) AS g FROM (
        SELECT geom FROM incoming_areas WHERE level = 'county'
        UNION ALL SELECT geom FROM areas WHERE level = 'county' AND parent_code = $1 AND NOT (code = ANY($2::text[]))) x) u
      LEFT JOIN areas old ON old.code = $1`, [city, counties]);
  }

  // What the file replaces: its city row, its counties' areas, and any other (demo) city.
  const inScope = `(a.code = $1 OR left(a.code, 6) = ANY($2::text[]) OR a.code NOT LIKE $1 || '%')`;
  const removedAreas = await tx.query<{ code: string; level: string; name: string; synthetic: boolean }>(
    `SELECT a.code, a.level, a.name, a.synthetic FROM areas a WHERE ${inScope}
     AND NOT EXISTS (SELECT 1 FROM incoming_areas i WHERE i.code = a.code) ORDER BY a.code`, [city, counties]);
  const gone = removedAreas.map((a) => a.code);
  const goneVillages = removedAreas.filter((a) => a.level === 'village').map((a) => a.code);
  // A boundary counts as changed when old and new differ by more than BOUNDARY_CHANGE_M2: a
  // re-export of the same map, and the repair, move vertices by millimetres; nobody redrew it.
  const changedAreas = await tx.query<{ code: string; detail: string }>(
    `WITH pairs AS (
       SELECT i.code, a.name AS old_name, i.name, a.short_name <> i.short_name AS short_changed, a.kind IS DISTINCT FROM i.kind AS kind_changed,
         a.parent_code AS old_parent, i.parent_code, a.synthetic AND NOT i.synthetic AS now_real,
         CASE WHEN ST_AsEWKB(a.geom) = ST_AsEWKB(i.geom) THEN 0 ELSE ST_Area(ST_SymDifference(a.geom, i.geom)::geography) END AS moved_m2
       FROM incoming_areas i JOIN areas a ON a.code = i.code)
     SELECT code, concat_ws(', ',
        CASE WHEN old_name <> name THEN 'name ' || old_name || ' → ' || name END,
        CASE WHEN old_parent IS DISTINCT FROM parent_code THEN 'parent ' || coalesce(old_parent, '-') || ' → ' || parent_code END,
        CASE WHEN moved_m2 > $1 THEN 'boundary (' || round(moved_m2)::bigint || ' m² differ)' END,
        CASE WHEN now_real THEN 'now a real boundary, not generated' END) AS detail
     FROM pairs
     WHERE old_name <> name OR short_changed OR kind_changed OR old_parent IS DISTINCT FROM parent_code OR now_real OR moved_m2 > $1
     ORDER BY code`, [BOUNDARY_CHANGE_M2]);
  const added = await tx.query<{ code: string; name: string }>(
    'SELECT i.code, i.name FROM incoming_areas i WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = i.code) ORDER BY i.code');
  const [{ n: incoming }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM incoming_areas');

  // Households of a village that goes: real ones move to the file's village their point lies in.
  const homeless = await tx.query<{ id: string; village_code: string; synthetic: boolean; target: string | null }>(
    `SELECT h.id, h.village_code, h.synthetic,
       CASE WHEN h.synthetic OR h.geom IS NULL THEN NULL ELSE
         (SELECT i.code FROM incoming_areas i WHERE i.level = 'village' AND ST_Intersects(i.geom, h.geom) ORDER BY i.code LIMIT 1) END AS target
     FROM households h WHERE h.village_code = ANY($1::text[]) ORDER BY h.id`, [goneVillages]);
  const moves = homeless.filter((h) => !h.synthetic && h.target);
  for (const h of homeless.filter((x) => !x.synthetic && !x.target)) {
    refused.push({ line: 0, reason: `household ${h.id} is in village ${h.village_code}, which the new boundaries lack, and its point lies in none of the file's villages` });
  }
  // Other real records whose area goes are refused, by name: a person decides where they belong.
  const blockers: [string, string][] = [
    ['project', `SELECT id AS id, area_code AS area FROM projects WHERE NOT synthetic AND area_code = ANY($1::text[])`],
    ['activity', `SELECT id AS id, area_code AS area FROM activities WHERE NOT synthetic AND area_code = ANY($1::text[])`],
    ['poverty village', `SELECT code AS id, code AS area FROM poverty_villages WHERE NOT synthetic AND code = ANY($1::text[])`],
    ['park', `SELECT p.id AS id, v.village_code AS area FROM parks p JOIN park_villages v ON v.park_id = p.id WHERE NOT p.synthetic AND v.village_code = ANY($1::text[])`],
    ['task', `SELECT id::text AS id, area_code AS area FROM tasks WHERE area_code = ANY($1::text[])`],
    ['problem', `SELECT id::text AS id, area_code AS area FROM problems WHERE area_code = ANY($1::text[])`],
    ['park proposal', `SELECT id::text AS id, (SELECT min(v) FROM unnest(villages) v WHERE v = ANY($1::text[])) AS area FROM park_proposals WHERE villages && $1::text[]`],
    ['account', `SELECT username AS id, area_code AS area FROM users WHERE NOT demo AND area_code = ANY($1::text[])`],
    ['verification sample', `SELECT id::text AS id, area_code AS area FROM verification_samples WHERE area_code = ANY($1::text[])`],
    ['verification visit', `SELECT sample_id || '/' || household_id AS id, village_code AS area FROM verification_units WHERE village_code = ANY($1::text[])`],
  ];
  for (const [what, sql] of blockers) {
    for (const r of await tx.query<{ id: string; area: string }>(`${sql} ORDER BY 1`, [gone])) {
      refused.push({ line: 0, reason: `${what} ${r.id} belongs to area ${r.area}, which the new boundaries lack` });
    }
  }

  // Apply, then check the result; an ImportError rolls all of it back.
  const why = (what: string) => audit(`boundary import: ${what}`);
  const record = (table: string, removed: { id: string; area: string | null }[], detail: (r: { id: string; area: string | null }) => string) => {
    for (const r of removed) changes.push({ table, id: r.id, change: 'remove', detail: detail(r) });
  };
  const removeIn = async (table: RemovableTable, sql: string, detail: string) => {
    const ids = (await tx.query<{ id: string }>(sql, [gone])).map((r) => r.id);
    record(table, await removeRecords(tx, table, ids, why(detail)), (r) => `${detail} (${r.area ?? 'no area'})`);
  };
  const demoHouseholds = homeless.filter((h) => h.synthetic).map((h) => h.id);
  const history = new Map((await tx.query<{ id: string; n: number }>(
    'SELECT household_id AS id, count(*)::int AS n FROM household_history WHERE household_id = ANY($1::text[]) GROUP BY household_id',
    [demoHouseholds])).map((h) => [h.id, h.n]));
  for (const r of await removeRecords(tx, 'households', demoHouseholds, why('generated demo household; its village is not in the file'))) {
    changes.push({ table: 'households', id: r.id, change: 'remove', detail: `generated (demo), its village ${r.area} is not in the file` });
    if (history.get(r.id)) changes.push({ table: 'household_history', id: r.id, change: 'remove', count: history.get(r.id) });
  }
  await removeIn('projects', 'SELECT id FROM projects WHERE synthetic AND area_code = ANY($1::text[])', 'generated (demo), its area is not in the file');
  await removeIn('activities', 'SELECT id FROM activities WHERE synthetic AND area_code = ANY($1::text[])', 'generated (demo), its area is not in the file');
  await removeIn('parks', `SELECT DISTINCT p.id FROM parks p JOIN park_villages v ON v.park_id = p.id
    WHERE p.synthetic AND v.village_code = ANY($1::text[])`, 'generated (demo), one of its villages is not in the file');
  await removeIn('poverty_villages', 'SELECT code AS id FROM poverty_villages WHERE synthetic AND code = ANY($1::text[])', 'generated (demo), not in the file');
  await removeIn('targets', 'SELECT DISTINCT area_code AS id FROM targets WHERE area_code = ANY($1::text[])', 'target of an area not in the file');
  await removeIn('users', 'SELECT DISTINCT area_code AS id FROM users WHERE demo AND area_code = ANY($1::text[])', 'demo account of an area not in the file');

  if (moves.length > 0) {
    await tx.query(`INSERT INTO audit_log (actor_id, actor, ip, action, entity, entity_id, area_code, before, after, reason)
      SELECT NULL, $1, 'cli', 'import.move', 'household', m.id, m.target, jsonb_build_object('village_code', m.village_code),
        jsonb_build_object('village_code', m.target), 'boundary import: its village is not in the file; its point lies in ' || m.target
      FROM json_to_recordset($2::json) AS m(id text, village_code text, target text)`, [options.actor, JSON.stringify(moves)]);
    await tx.query(`UPDATE households h SET village_code = m.target, version = h.version + 1
      FROM json_to_recordset($1::json) AS m(id text, target text) WHERE h.id = m.id`, [JSON.stringify(moves)]);
    for (const m of moves) changes.push({ table: 'households', id: m.id, change: 'change', detail: `moved from village ${m.village_code} (not in the file) to ${m.target}, where its point lies` });
  }

  // The areas themselves: each change and removal audited with what was there before.
  await tx.query(`INSERT INTO audit_log (actor_id, actor, ip, action, entity, entity_id, area_code, before, after, reason)
    SELECT NULL, $1, 'cli', 'import.change', 'area', a.code, a.code,
      jsonb_build_object('name', a.name, 'short_name', a.short_name, 'parent_code', a.parent_code, 'geometry', ST_AsGeoJSON(a.geom)::jsonb),
      jsonb_build_object('name', i.name, 'short_name', i.short_name, 'parent_code', i.parent_code), 'boundary import'
    FROM areas a JOIN incoming_areas i ON i.code = a.code WHERE a.code = ANY($2::text[])`, [options.actor, changedAreas.map((c) => c.code)]);
  await tx.query(`UPDATE areas a SET level = i.level, kind = i.kind, name = i.name, short_name = i.short_name, parent_code = i.parent_code,
      geom = i.geom, label_point = i.label_point, synthetic = i.synthetic
    FROM incoming_areas i WHERE i.code = a.code AND a.code = ANY($1::text[])`, [changedAreas.map((c) => c.code)]);
  await tx.query(`INSERT INTO areas (code, level, kind, name, short_name, parent_code, geom, label_point, synthetic)
    SELECT code, level, kind, name, short_name, parent_code, geom, label_point, synthetic FROM incoming_areas i
    WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = i.code)`);
  await tx.query(`INSERT INTO audit_log (actor_id, actor, ip, action, entity, entity_id, area_code, before, after, reason)
    SELECT NULL, $1, 'cli', 'import.add', 'area', code, code, NULL, jsonb_build_object('name', name, 'level', level, 'parent_code', parent_code), 'boundary import'
    FROM areas WHERE code = ANY($2::text[])`, [options.actor, added.map((a) => a.code)]);
  // Children first, so no area is left pointing at a parent that went.
  const childrenFirst = [...gone].sort((a, b) => b.length - a.length);
  record('areas', await removeRecords(tx, 'areas', childrenFirst, why('not in the file')), (r) => `not in the file`);
  for (const c of changedAreas) changes.push({ table: 'areas', id: c.code, change: 'change', detail: c.detail });
  for (const a of added) changes.push({ table: 'areas', id: a.code, change: 'add', detail: a.name });

  const poverty = input.features.flatMap((f) => (f.properties?.poverty === true || f.properties?.poverty === 'true' || f.properties?.poverty === 1) ? [String(f.properties.code)] : []);
  const newPoverty = (await tx.query<{ code: string }>(
    'SELECT code FROM unnest($1::text[]) AS code WHERE NOT EXISTS (SELECT 1 FROM poverty_villages p WHERE p.code = code) ORDER BY code', [poverty])).map((r) => r.code);
  await insertPovertyVillages(tx, newPoverty.map((code) => ({ code, plannedExitYear: 2018, exitStatus: 'pending', exitDate: null, synthetic: false })));
  for (const code of newPoverty) changes.push({ table: 'poverty_villages', id: code, change: 'add' });

  const areaProblems = await checkAreas(tx);
  refused.push(...areaProblems.map((p) => ({ line: lineOf.get(p.code) ?? 0, reason: `${p.code}: ${p.reason}` })));
  if (refused.length > 0) throw new ImportError(refused.sort((a, b) => a.line - b.line));

  // Households whose village stays but whose point its new boundary no longer holds: named.
  const outside = await tx.query<{ id: string; villageCode: string; metres: number }>(
    `SELECT h.id, h.village_code AS "villageCode", round(ST_Distance(h.geom::geography, a.geom::geography))::int AS metres
     FROM households h JOIN areas a ON a.code = h.village_code
     WHERE a.code = ANY($1::text[]) AND h.geom IS NOT NULL AND NOT ST_Intersects(a.geom, h.geom) ORDER BY h.id`,
    [[...changedAreas.map((c) => c.code), ...moves.map((m) => m.target!)]]);
  return { kind: 'boundaries', written: false, rows: records.length, unchanged: incoming - changedAreas.length - added.length, changes, outside };
}
