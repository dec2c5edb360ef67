import type { Transaction } from '../db/openDatabase.ts';
import { parseRows, type RawRow, type RowProblem } from '../dataset/fields.ts';
import { parseHousehold } from '../dataset/records.ts';
import type { HouseholdRecord } from '../dataset/types.ts';
import { HOUSEHOLD_RECORDSET, insertHouseholdHistory, insertHouseholds, insertJson, type Progress } from '../dataset/writeDataset.ts';
import { isWithin, levelOfCode } from '../domain/areaCodes.ts';
import type { InputFile } from './readInputFile.ts';
import { changedHouseholdFields, touchesHistory, type ImportReport, type RecordChange } from './importReport.ts';
import { removeRecords } from './removeRecords.ts';
import { duplicates, ImportError, type ImportOptions } from './importErrors.ts';

function householdRows(input: InputFile): { line: number; row: RawRow }[] {
  if (input.format === 'csv') return input.rows;
  return input.features.map((f, i) => {
    const row: RawRow = { ...(f.properties ?? {}) };
    if (f.geometry?.type === 'Point') [row.lon, row.lat] = f.geometry.coordinates;
    else if (f.geometry) row.lon = `(a ${f.geometry.type}, not a Point)`;
    return { line: i + 1, row };
  });
}

const STORED_HOUSEHOLD = `id, village_code AS "villageCode", ST_X(geom) AS lon, ST_Y(geom) AS lat, size, labour_count AS "labourCount",
  employed_members AS "employedMembers", income_per_capita AS "incomePerCapita", poverty_cause AS "povertyCause", status,
  food_clothing AS "foodClothing", education, medical, housing, medical_insurance AS "medicalInsurance",
  needs_relocation AS "needsRelocation", needs_renovation AS "needsRenovation", exit_date::text AS "exitDate",
  head_name AS "headName", phone, synthetic`;

/**
 * Household records by id: a row whose id is stored updates that household, a new id adds one,
 * and every other household is left alone, unless `replaceArea` names an area: then that area's
 * households missing from the file are removed (each with an audit row). Runs in the caller's
 * transaction; the caller rolls it back for a dry run.
 */
export async function importHouseholds(tx: Transaction, input: InputFile, options: ImportOptions): Promise<ImportReport> {
  const { asOf, replaceArea = null } = options;
  const parsed = parseRows(householdRows(input), (row) => parseHousehold(row, false));
  const problems: RowProblem[] = [...parsed.problems];
  const lineOf = new Map(parsed.records.map((r, i) => [r.id, parsed.lines[i]]));
  problems.push(...duplicates(parsed.records.map((r, i) => ({ line: parsed.lines[i], key: r.id })), 'id'));
  if (parsed.records.length === 0 && problems.length === 0) problems.push({ line: 0, reason: 'the file has no household rows' });
  if (replaceArea !== null) {
    const [area] = await tx.query<{ code: string }>('SELECT code FROM areas WHERE code = $1', [replaceArea]);
    if (!levelOfCode(replaceArea) || !area) problems.push({ line: 0, reason: `--replace ${replaceArea}: no such area (give a city, county, township or village code)` });
  }
  // Every row is checked against the database too, so one report lists all that is wrong.
  const known = new Set((await tx.query<{ code: string }>(
    `SELECT code FROM areas WHERE level = 'village' AND code = ANY($1::text[])`,
    [[...new Set(parsed.records.map((r) => r.villageCode))]])).map((r) => r.code));
  const records: HouseholdRecord[] = [];
  for (const r of parsed.records) {
    const line = lineOf.get(r.id)!;
    if (!known.has(r.villageCode)) problems.push({ line, reason: `village_code ${r.villageCode} is not a village in the boundaries` });
    else if (replaceArea !== null && !isWithin(r.villageCode, replaceArea)) {
      problems.push({ line, reason: `village_code ${r.villageCode} is outside area ${replaceArea}, whose households this file replaces` });
    } else records.push(r);
  }
  const unique = [...new Map(records.map((r) => [r.id, r])).values()];
  const ids = unique.map((r) => r.id);
  const stored = new Map((await tx.query<HouseholdRecord>(`SELECT ${STORED_HOUSEHOLD} FROM households WHERE id = ANY($1::text[])`, [ids]))
    .map((h) => [h.id, h]));
  // A record dated after the import's date would make the import's state older than its history.
  const later = await tx.query<{ id: string; latest: string }>(
    `SELECT household_id AS id, max(valid_from)::text AS latest FROM household_history
     WHERE household_id = ANY($1::text[]) GROUP BY household_id HAVING max(valid_from) > $2::date ORDER BY household_id`, [ids, asOf]);
  for (const l of later) {
    const r = unique.find((u) => u.id === l.id)!;
    if (stored.has(l.id) && changedHouseholdFields(stored.get(l.id)!, r).length > 0) {
      problems.push({ line: lineOf.get(l.id)!, reason: `household ${l.id} has a recorded change on ${l.latest}, after the import's date ${asOf}; import with --as-of ${l.latest} or later` });
    }
  }

  const changes: RecordChange[] = [];
  const added: HouseholdRecord[] = [];
  const changed: { record: HouseholdRecord; fields: string[]; history: boolean }[] = [];
  let unchanged = 0;
  for (const r of unique) {
    const before = stored.get(r.id);
    if (!before) {
      added.push(r);
      changes.push({ table: 'households', id: r.id, change: 'add' });
      continue;
    }
    const fields = changedHouseholdFields(before, r);
    if (fields.length === 0 && !before.synthetic) {
      unchanged += 1;
      continue;
    }
    changed.push({ record: r, fields, history: touchesHistory(before, r) });
    changes.push({ table: 'households', id: r.id, change: 'change', detail: fields.join(', ') || 'now a real record, not generated' });
  }

  // Write, then check the result in PostGIS; an ImportError rolls all of it back.
  await insertHouseholds(tx, added, options.progress);
  await insertJson(tx, `UPDATE households h SET village_code = r."villageCode",
      geom = CASE WHEN r."lon" IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(r."lon", r."lat"), 4326) END,
      size = r."size", labour_count = r."labourCount", employed_members = r."employedMembers", income_per_capita = r."incomePerCapita",
      poverty_cause = r."povertyCause", status = r."status", food_clothing = r."foodClothing", education = r."education",
      medical = r."medical", housing = r."housing", medical_insurance = r."medicalInsurance", needs_relocation = r."needsRelocation",
      needs_renovation = r."needsRenovation", exit_date = r."exitDate", head_name = r."headName", phone = r."phone",
      synthetic = false, version = h.version + 1
    FROM ${HOUSEHOLD_RECORDSET} WHERE h.id = r."id"`, changed.map((c) => c.record), 'changed households', options.progress);
  // Imported records carry no history: their state is recorded as of the import's date.
  const dated = [...added, ...changed.filter((c) => c.history).map((c) => c.record)];
  await tx.query('DELETE FROM household_history WHERE household_id = ANY($1::text[]) AND valid_from = $2::date', [dated.map((r) => r.id), asOf]);
  await insertHouseholdHistory(tx, dated.map((r) => ({
    householdId: r.id, validFrom: asOf, status: r.status, incomePerCapita: r.incomePerCapita, foodClothing: r.foodClothing,
    education: r.education, medical: r.medical, housing: r.housing, medicalInsurance: r.medicalInsurance,
    employedMembers: r.employedMembers, relocated: false, renovated: false,
  })), options.progress);
  await auditImportedHouseholds(tx, options.actor, asOf, ids, added, changed, stored);

  if (replaceArea !== null) {
    const gone = await tx.query<{ id: string }>(
      `SELECT id FROM households WHERE village_code LIKE $1 || '%' AND NOT (id = ANY($2::text[])) ORDER BY id`, [replaceArea, ids]);
    const history = new Map((await tx.query<{ id: string; n: number }>(
      `SELECT household_id AS id, count(*)::int AS n FROM household_history WHERE household_id = ANY($1::text[]) GROUP BY household_id`,
      [gone.map((g) => g.id)])).map((h) => [h.id, h.n]));
    const removed = await removeRecords(tx, 'households', gone.map((g) => g.id),
      { actor: options.actor, reason: `household import replacing area ${replaceArea}: not in the file` });
    for (const r of removed) {
      changes.push({ table: 'households', id: r.id, change: 'remove', detail: `in ${r.area}, not in the file` });
      const n = history.get(r.id) ?? 0;
      if (n > 0) changes.push({ table: 'household_history', id: r.id, change: 'remove', count: n });
    }
  }

  const outside = await tx.query<{ id: string; village_code: string; m: number }>(
    `SELECT h.id, h.village_code, round(ST_Distance(h.geom::geography, a.geom::geography))::int AS m
     FROM households h JOIN areas a ON a.code = h.village_code
     WHERE h.id = ANY($1::text[]) AND h.geom IS NOT NULL AND NOT ST_Intersects(a.geom, h.geom) ORDER BY h.id`, [ids]);
  for (const o of outside) problems.push({ line: lineOf.get(o.id) ?? 0, reason: `household ${o.id} lies ${o.m} m outside its village ${o.village_code}` });
  if (problems.length > 0) throw new ImportError(problems.sort((x, y) => x.line - y.line));
  return { kind: 'households', written: false, rows: parsed.records.length, unchanged, changes, outside: [], replaceArea };
}

/** One audit row per added or changed household, as an edit through the API would leave. */
async function auditImportedHouseholds(tx: Transaction, actor: string, asOf: string, order: string[], added: HouseholdRecord[],
  changed: { record: HouseholdRecord; fields: string[] }[], stored: Map<string, HouseholdRecord>): Promise<void> {
  const pick = (r: HouseholdRecord, fields: string[]) => {
    const byColumn = Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
    return Object.fromEntries(fields.map((f) => [f, byColumn[f]]));
  };
  const addedIds = new Set(added.map((r) => r.id));
  // In the file's order, as the report lists them.
  const rows = order.flatMap((id): { actor: string; action: string; id: string; area: string; before: unknown; after: unknown }[] => {
    if (addedIds.has(id)) {
      const r = added.find((a) => a.id === id)!;
      return [{ actor, action: 'import.add', id, area: r.villageCode, before: null, after: { ...r, effectiveDate: asOf } }];
    }
    const c = changed.find((x) => x.record.id === id);
    return c ? [{ actor, action: 'import.change', id, area: c.record.villageCode,
      before: pick(stored.get(id)!, c.fields), after: { ...pick(c.record, c.fields), effectiveDate: asOf } }] : [];
  });
  await insertJson(tx, `INSERT INTO audit_log (actor_id, actor, ip, action, entity, entity_id, area_code, before, after)
    SELECT NULL, r.actor, 'cli', r.action, 'household', r.id, r.area, r.before, r.after
    FROM json_to_recordset($1::json) AS r(actor text, action text, id text, area text, before jsonb, after jsonb)`, rows, 'audit');
}
