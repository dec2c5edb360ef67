import { createReadStream } from 'node:fs';
import type { Transaction } from '../db/openDatabase.ts';
import { parseRows, type RawRow, type RowProblem } from '../dataset/fields.ts';
import { parseHousehold } from '../dataset/records.ts';
import type { HouseholdRecord } from '../dataset/types.ts';
import type { Progress } from '../dataset/writeDataset.ts';
import { levelOfCode } from '../domain/areaCodes.ts';
import type { InputFile } from './readInputFile.ts';
import { HISTORY_FIELDS, HOUSEHOLD_FIELDS, type ImportReport, type RecordChange, type TableSummary } from './importReport.ts';
import { removeRecords } from './removeRecords.ts';
import { ImportError, type ImportOptions } from './importErrors.ts';

/** Rows staged per statement: about 1 MB of JSON. */
const BATCH = 5000;
/** A report lists at most this many problems and changes; the rest are counted. */
export const LISTED = 2000;
/**
 * The steps that touch every row of a large file (the writes, the point-in-village test) may take
 * longer than a route's statement timeout: each runs under this one, set for that step only.
 */
export const IMPORT_STEP_TIMEOUT_MS = 10 * 60 * 1000;

async function* householdRows(input: InputFile): AsyncIterable<{ line: number; row: RawRow }> {
  if (input.format === 'csv') {
    yield* input.rows();
    return;
  }
  let i = 0;
  for await (const f of input.format === 'geojson-points' ? input.features() : input.features) {
    i += 1;
    const row: RawRow = { ...(f.properties ?? {}) };
    if (f.geometry?.type === 'Point') [row.lon, row.lat] = f.geometry.coordinates;
    else if (f.geometry) row.lon = `(a ${f.geometry.type}, not a Point)`;
    yield { line: i, row };
  }
}

/** Lines in a file, counted from its bytes: the progress line's total before the rows are parsed. */
async function countRows(input: InputFile): Promise<number> {
  if (input.format !== 'csv' && input.format !== 'geojson-points') return input.features.length;
  // CSV: lines less the header. GeoJSON: each feature's "Feature" (a "FeatureCollection" does not match).
  const pattern = Buffer.from(input.format === 'csv' ? '\n' : '"Feature"');
  let found = 0;
  let tail: Buffer = Buffer.alloc(0);
  let last = 0x0a;
  const { path } = input;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    // A match may straddle two chunks: search the previous chunk's tail with this one.
    const buf = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
    for (let i = buf.indexOf(pattern); i !== -1; i = buf.indexOf(pattern, i + 1)) {
      if (i + pattern.length > tail.length) found += 1;
    }
    tail = buf.subarray(Math.max(0, buf.length - pattern.length + 1));
    if (chunk.length > 0) last = chunk[chunk.length - 1];
  }
  return input.format === 'csv' ? Math.max(0, found - 1 + (last === 0x0a ? 0 : 1)) : found;
}

/** Problems, in memory up to LISTED; the rest only counted. */
class Problems {
  readonly listed: RowProblem[] = [];
  total = 0;
  add(p: RowProblem): void {
    this.total += 1;
    if (this.listed.length < LISTED) this.listed.push(p);
  }
}

/** Each field as the file's column and as the stored household's expression (h), for the comparison in SQL. */
const STORED_EXPR: Record<string, string> = { lon: 'ST_X(h.geom)', lat: 'ST_Y(h.geom)' };
const differs = (column: string): string => (column === 'lon' || column === 'lat'
  // As the JavaScript comparison did: coordinates within 1e-7° are the same point.
  ? `CASE WHEN s.${column} IS NULL OR h.geom IS NULL THEN (s.${column} IS NULL) <> (h.geom IS NULL) ELSE abs(s.${column} - ${STORED_EXPR[column]}) > 1e-7 END`
  : `s.${column} IS DISTINCT FROM h.${column}`);
const COLUMN_OF = new Map<string, string>(HOUSEHOLD_FIELDS.map(([key, column]) => [key, column]));
const CHANGED_FIELDS = `array_remove(ARRAY[${HOUSEHOLD_FIELDS.map(([, c]) => `CASE WHEN ${differs(c)} THEN '${c}' END`).join(', ')}]::text[], NULL)`;
const TOUCHES_HISTORY = HISTORY_FIELDS.map((k) => differs(COLUMN_OF.get(k)!)).join(' OR ');
const STORED_JSON = `jsonb_build_object(${HOUSEHOLD_FIELDS.map(([, c]) => `'${c}', ${STORED_EXPR[c] ?? `h.${c}`}`).join(', ')})`;
const INCOMING_JSON = `jsonb_build_object(${HOUSEHOLD_FIELDS.map(([, c]) => `'${c}', s.${c}`).join(', ')})`;
/** An added household's audit image, keyed as the record (HouseholdRecord) is. */
const RECORD_JSON = `jsonb_build_object('id', s.id, ${HOUSEHOLD_FIELDS.map(([k, c]) => `'${k}', s.${c}`).join(', ')}, 'synthetic', false)`;

const STAGE_COLUMNS = `line integer NOT NULL, id text NOT NULL, village_code text NOT NULL, lon float8, lat float8, size integer, labour_count integer,
  employed_members integer, income_per_capita integer, poverty_cause text, status text, food_clothing boolean, education boolean,
  medical boolean, housing boolean, medical_insurance boolean, needs_relocation boolean, needs_renovation boolean, exit_date date,
  head_name text, phone text`;

/** Runs one statement that touches every staged row under the import's longer timeout, then restores the caller's. */
async function longStep<T>(tx: Transaction, run: () => Promise<T>): Promise<T> {
  const [{ timeout }] = await tx.query<{ timeout: string }>(`SELECT current_setting('statement_timeout') AS timeout`);
  await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [String(IMPORT_STEP_TIMEOUT_MS)]);
  try {
    return await run();
  } finally {
    await tx.query(`SELECT set_config('statement_timeout', $1, true)`, [timeout]);
  }
}

/** Parses the file a batch at a time into a temporary table; what a row alone can tell is checked here. */
async function stageRows(tx: Transaction, input: InputFile, problems: Problems, progress?: Progress): Promise<number> {
  await tx.exec(`CREATE TEMP TABLE incoming_households (${STAGE_COLUMNS}) ON COMMIT DROP`);
  const total = await countRows(input);
  let rows = 0;
  let batch: { line: number; row: RawRow }[] = [];
  const flush = async () => {
    const parsed = parseRows(batch, (row) => parseHousehold(row, false));
    for (const p of parsed.problems) problems.add(p);
    rows += batch.length;
    batch = [];
    if (parsed.records.length > 0) {
      await tx.query(`INSERT INTO incoming_households SELECT * FROM json_to_recordset($1::json) AS r(${STAGE_COLUMNS.replace(/ NOT NULL/g, '')})`,
        [JSON.stringify(parsed.records.map((r, i) => stageRow(parsed.lines[i], r)))]);
    }
    progress?.('reading', rows, Math.max(total, rows));
  };
  for await (const row of householdRows(input)) {
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await tx.exec('CREATE INDEX ON incoming_households (id); ANALYZE incoming_households');
  return rows;
}

function stageRow(line: number, r: HouseholdRecord): Record<string, unknown> {
  return { line, id: r.id, village_code: r.villageCode, lon: r.lon, lat: r.lat, size: r.size, labour_count: r.labourCount,
    employed_members: r.employedMembers, income_per_capita: r.incomePerCapita, poverty_cause: r.povertyCause, status: r.status,
    food_clothing: r.foodClothing, education: r.education, medical: r.medical, housing: r.housing, medical_insurance: r.medicalInsurance,
    needs_relocation: r.needsRelocation, needs_renovation: r.needsRenovation, exit_date: r.exitDate, head_name: r.headName, phone: r.phone };
}

/**
 * Household records by id: a row whose id is stored updates that household, a new id adds one,
 * and every other household is left alone, unless `replaceArea` names an area: then that area's
 * households missing from the file are removed (each with an audit row). Runs in the caller's
 * transaction; the caller rolls it back for a dry run.
 *
 * The file is streamed into a temporary table and everything after that is set-based SQL, so a
 * million rows need no more memory than a thousand; every problem is still found before anything
 * is written, and the report lists up to LISTED of them (in line order) with the rest counted.
 */
export async function importHouseholds(tx: Transaction, input: InputFile, options: ImportOptions): Promise<ImportReport> {
  const { asOf, replaceArea = null, progress } = options;
  const problems = new Problems();
  const rows = await stageRows(tx, input, problems, progress);
  const [{ staged }] = await tx.query<{ staged: number }>('SELECT count(*)::int AS staged FROM incoming_households');
  if (staged === 0 && problems.total === 0) problems.add({ line: 0, reason: 'the file has no household rows' });
  if (replaceArea !== null) {
    const [area] = await tx.query<{ code: string }>('SELECT code FROM areas WHERE code = $1', [replaceArea]);
    if (!levelOfCode(replaceArea) || !area) problems.add({ line: 0, reason: `--replace ${replaceArea}: no such area (give a city, county, township or village code)` });
  }

  // Every staged row is checked against the database too, so one report lists all that is wrong.
  const check = async (sql: string, params: unknown[] = []) => {
    const found = await longStep(tx, () => tx.query<RowProblem & { total: number }>(
      `SELECT line, reason, count(*) OVER ()::int AS total FROM (${sql}) q ORDER BY line LIMIT ${LISTED}`, params));
    for (const p of found) problems.add({ line: p.line, reason: p.reason });
    if (found.length > 0) problems.total += found[0].total - found.length;
  };
  await check(`SELECT line, 'id ' || id || ' appears again (first on line ' || first || ')' AS reason
    FROM (SELECT line, id, min(line) OVER (PARTITION BY id) AS first FROM incoming_households) d WHERE line > first`);
  await check(`SELECT s.line, 'village_code ' || s.village_code || ' is not a village in the boundaries' AS reason
    FROM incoming_households s WHERE NOT EXISTS (SELECT 1 FROM areas a WHERE a.code = s.village_code AND a.level = 'village')`);
  if (replaceArea !== null) {
    await check(`SELECT s.line, 'village_code ' || s.village_code || ' is outside area ' || $1 || ', whose households this file replaces' AS reason
      FROM incoming_households s WHERE EXISTS (SELECT 1 FROM areas a WHERE a.code = s.village_code AND a.level = 'village')
        AND NOT starts_with(s.village_code, $1)`, [replaceArea]);
  }
  await check(`SELECT s.line, 'household ' || s.id || ' lies ' || round(ST_Distance(p.geom::geography, a.geom::geography))::int || ' m outside its village ' || s.village_code AS reason
    FROM incoming_households s JOIN areas a ON a.code = s.village_code AND a.level = 'village'
    CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS geom) p
    WHERE s.lon IS NOT NULL AND NOT ST_Intersects(a.geom, p.geom)`);

  // What each row does: add, change (which fields; whether dated history follows) or nothing.
  await longStep(tx, () => tx.exec(`CREATE TEMP TABLE incoming_changes ON COMMIT DROP AS
    SELECT line, id, stored, fields, history FROM (
      SELECT s.line, s.id, h.id IS NOT NULL AS stored, coalesce(h.synthetic, false) AS was_synthetic,
        CASE WHEN h.id IS NULL THEN '{}'::text[] ELSE ${CHANGED_FIELDS} END AS fields,
        h.id IS NULL OR (${TOUCHES_HISTORY}) AS history
      FROM incoming_households s LEFT JOIN households h ON h.id = s.id) d
    WHERE NOT stored OR was_synthetic OR cardinality(fields) > 0;
    CREATE INDEX ON incoming_changes (id); ANALYZE incoming_changes`));
  // A record dated after the import's date would make the import's state older than its history.
  await check(`SELECT c.line, 'household ' || c.id || ' has a recorded change on ' || l.latest || ', after the import''s date ' || $1
      || '; import with --as-of ' || l.latest || ' or later' AS reason
    FROM incoming_changes c CROSS JOIN LATERAL (SELECT max(valid_from)::text AS latest FROM household_history x WHERE x.household_id = c.id) l
    WHERE c.stored AND cardinality(c.fields) > 0 AND l.latest > $1`, [asOf]);
  if (problems.total > 0) throw new ImportError(problems.listed.sort((x, y) => x.line - y.line), undefined, problems.total);

  const [{ added, changed, dated }] = await tx.query<{ added: number; changed: number; dated: number }>(
    `SELECT count(*) FILTER (WHERE NOT stored)::int AS added, count(*) FILTER (WHERE stored)::int AS changed,
       count(*) FILTER (WHERE history)::int AS dated FROM incoming_changes`);
  const changes: RecordChange[] = (await tx.query<{ id: string; stored: boolean; fields: string[] }>(
    `SELECT id, stored, fields FROM incoming_changes ORDER BY line LIMIT ${LISTED}`))
    .map((c) => c.stored
      ? { table: 'households', id: c.id, change: 'change', detail: c.fields.join(', ') || 'now a real record, not generated' }
      : { table: 'households', id: c.id, change: 'add' });
  let unlisted = added + changed - changes.length;

  // Write, in the file's order. The audit rows first: they hold each changed field's stored value.
  progress?.('audit', 0, added + changed);
  await longStep(tx, () => tx.query(`INSERT INTO audit_log (actor_id, actor, ip, action, entity, entity_id, area_code, before, after)
    SELECT NULL, $1, 'cli', CASE WHEN c.stored THEN 'import.change' ELSE 'import.add' END, 'household', s.id, s.village_code,
      CASE WHEN c.stored THEN (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(${STORED_JSON}) WHERE key = ANY(c.fields)) END,
      CASE WHEN c.stored THEN (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(${INCOMING_JSON}) WHERE key = ANY(c.fields))
        ELSE ${RECORD_JSON} END || jsonb_build_object('effectiveDate', $2::text)
    FROM incoming_changes c JOIN incoming_households s ON s.line = c.line LEFT JOIN households h ON h.id = c.id
    ORDER BY c.line`, [options.actor, asOf]));
  progress?.('audit', added + changed, added + changed);
  progress?.('added households', 0, added);
  await longStep(tx, () => tx.query(`INSERT INTO households (id, village_code, geom, size, labour_count, employed_members, income_per_capita,
      poverty_cause, status, food_clothing, education, medical, housing, medical_insurance, needs_relocation, needs_renovation,
      exit_date, head_name, phone, synthetic)
    SELECT s.id, s.village_code, CASE WHEN s.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END,
      s.size, s.labour_count, s.employed_members, s.income_per_capita, s.poverty_cause, s.status, s.food_clothing, s.education,
      s.medical, s.housing, s.medical_insurance, s.needs_relocation, s.needs_renovation, s.exit_date, s.head_name, s.phone, false
    FROM incoming_changes c JOIN incoming_households s ON s.line = c.line WHERE NOT c.stored ORDER BY c.line`));
  progress?.('added households', added, added);
  progress?.('changed households', 0, changed);
  await longStep(tx, () => tx.query(`UPDATE households h SET village_code = s.village_code,
      geom = CASE WHEN s.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END,
      size = s.size, labour_count = s.labour_count, employed_members = s.employed_members, income_per_capita = s.income_per_capita,
      poverty_cause = s.poverty_cause, status = s.status, food_clothing = s.food_clothing, education = s.education,
      medical = s.medical, housing = s.housing, medical_insurance = s.medical_insurance, needs_relocation = s.needs_relocation,
      needs_renovation = s.needs_renovation, exit_date = s.exit_date, head_name = s.head_name, phone = s.phone,
      synthetic = false, version = h.version + 1
    FROM incoming_changes c JOIN incoming_households s ON s.line = c.line WHERE c.stored AND h.id = c.id`));
  progress?.('changed households', changed, changed);
  // Imported records carry no history: their state is recorded as of the import's date.
  progress?.('household history', 0, dated);
  await longStep(tx, () => tx.query(`DELETE FROM household_history x USING incoming_changes c
    WHERE c.history AND x.household_id = c.id AND x.valid_from = $1::date`, [asOf]));
  await longStep(tx, () => tx.query(`INSERT INTO household_history (household_id, valid_from, status, income_per_capita, food_clothing, education, medical, housing,
        medical_insurance, employed_members, relocated, renovated)
      SELECT s.id, $1::date, s.status, s.income_per_capita, s.food_clothing, s.education, s.medical, s.housing, s.medical_insurance,
        s.employed_members, false, false
      FROM incoming_changes c JOIN incoming_households s ON s.line = c.line WHERE c.history`, [asOf]));
  progress?.('household history', dated, dated);

  const summary: TableSummary[] = added + changed > 0 ? [{ table: 'households', add: added, change: changed, remove: 0 }] : [];
  if (replaceArea !== null) {
    const gone = await tx.query<{ id: string }>(`SELECT id FROM households h WHERE starts_with(h.village_code, $1)
      AND NOT EXISTS (SELECT 1 FROM incoming_households s WHERE s.id = h.id) ORDER BY id`, [replaceArea]);
    const counts = new Map((await tx.query<{ id: string; n: number }>(
      `SELECT household_id AS id, count(*)::int AS n FROM household_history WHERE household_id = ANY($1::text[]) GROUP BY household_id`,
      [gone.map((g) => g.id)])).map((h) => [h.id, h.n]));
    const removed = await removeRecords(tx, 'households', gone.map((g) => g.id),
      { actor: options.actor, reason: `household import replacing area ${replaceArea}: not in the file` });
    let historyRows = 0;
    for (const r of removed) {
      const n = counts.get(r.id) ?? 0;
      historyRows += n;
      const entries: RecordChange[] = [{ table: 'households', id: r.id, change: 'remove', detail: `in ${r.area}, not in the file` }];
      if (n > 0) entries.push({ table: 'household_history', id: r.id, change: 'remove', count: n });
      if (changes.length < LISTED) changes.push(...entries);
      else unlisted += entries.length;
    }
    if (removed.length > 0) {
      if (summary.length === 0) summary.push({ table: 'households', add: 0, change: 0, remove: 0 });
      summary[0].remove = removed.length;
      if (historyRows > 0) summary.push({ table: 'household_history', add: 0, change: 0, remove: historyRows });
    }
  }
  return { kind: 'households', written: false, rows, unchanged: staged - added - changed, changes, outside: [], replaceArea, summary, unlisted };
}
