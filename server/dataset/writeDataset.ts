import type { Queryable } from '../db/openDatabase.ts';
import type { Dataset } from './types.ts';
import type { StreamedDataset } from './readDataset.ts';
import { generateTargets } from '../progress/generateTargets.ts';
import { refreshDeltas } from '../progress/refreshDeltas.ts';

export type Progress = (step: string, done: number, total: number) => void;

const CHUNK = 2000;

/** Runs `sql` with rows as one JSON parameter per chunk: bound, not pasted, and fast on both backends. */
export async function insertJson(tx: Queryable, sql: string, rows: unknown[], step: string, progress?: Progress): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.query(sql, [JSON.stringify(rows.slice(i, i + CHUNK))]);
    progress?.(step, Math.min(i + CHUNK, rows.length), rows.length);
  }
  if (rows.length === 0) progress?.(step, 0, 0);
}

/** Writes an array at once, or a stream of batches one batch at a time, with rows done so far as progress. */
async function insertBatches<T>(rows: T[] | AsyncIterable<T[]>, write: (rows: T[]) => Promise<void>, step: string, progress?: Progress): Promise<void> {
  if (Array.isArray(rows)) {
    for (let i = 0; i < rows.length; i += CHUNK * 10) {
      await write(rows.slice(i, i + CHUNK * 10));
      progress?.(step, Math.min(i + CHUNK * 10, rows.length), rows.length);
    }
    if (rows.length === 0) progress?.(step, 0, 0);
    return;
  }
  let done = 0;
  for await (const batch of rows) {
    await write(batch);
    done += batch.length;
    // The total is not known before the end of a stream: the count so far stands for it.
    progress?.(step, done, done);
  }
}

/** `table` is areas, or the import's staging copy of it. */
export async function insertAreas(tx: Queryable, areas: Dataset['areas'], progress?: Progress, table: 'areas' | 'incoming_areas' = 'areas'): Promise<void> {
  // Parents before children, so the hierarchy is readable in insertion order too.
  const order = { province: 0, city: 1, county: 2, township: 3, village: 4 };
  const rows = [...areas].sort((a, b) => order[a.level] - order[b.level]).map((a) => ({
    code: a.code, level: a.level, kind: a.kind, name: a.name, short_name: a.shortName, parent_code: a.parent,
    geom: JSON.stringify(a.geometry), lon: a.label[0], lat: a.label[1], synthetic: a.synthetic,
  }));
  await insertJson(tx, `
    INSERT INTO ${table} (code, level, kind, name, short_name, parent_code, geom, label_point, synthetic)
    SELECT code, level, kind, name, short_name, parent_code,
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)), ST_SetSRID(ST_MakePoint(lon, lat), 4326), synthetic
    FROM json_to_recordset($1::json) AS r(code text, level text, kind text, name text, short_name text,
      parent_code text, geom text, lon float8, lat float8, synthetic boolean)`, rows, 'areas', progress);
}

export async function insertSpecialties(tx: Queryable, rows: Dataset['specialties']): Promise<void> {
  await insertJson(tx, `INSERT INTO specialties (code, name, department)
    SELECT code, name, department FROM json_to_recordset($1::json) AS r(code int, name text, department text)`, rows, 'specialties');
}

export async function insertPovertyVillages(tx: Queryable, rows: Dataset['povertyVillages'], progress?: Progress): Promise<void> {
  await insertJson(tx, `INSERT INTO poverty_villages (code, planned_exit_year, exit_status, exit_date, synthetic)
    SELECT "code", "plannedExitYear", "exitStatus", "exitDate", "synthetic" FROM json_to_recordset($1::json)
    AS r("code" text, "plannedExitYear" int, "exitStatus" text, "exitDate" date, "synthetic" boolean)`, rows, 'poverty villages', progress);
}

/** Household records (HouseholdRecord as JSON) as a row source named r, for inserts and updates. */
export const HOUSEHOLD_RECORDSET = `json_to_recordset($1::json) AS r("id" text, "villageCode" text, "lon" float8, "lat" float8,
      "size" int, "labourCount" int, "employedMembers" int, "incomePerCapita" int, "povertyCause" text, "status" text,
      "foodClothing" boolean, "education" boolean, "medical" boolean, "housing" boolean, "medicalInsurance" boolean,
      "needsRelocation" boolean, "needsRenovation" boolean, "exitDate" date, "headName" text, "phone" text, "synthetic" boolean)`;

export async function insertHouseholds(tx: Queryable, rows: Dataset['households'], progress?: Progress): Promise<void> {
  await insertJson(tx, `INSERT INTO households (id, village_code, geom, size, labour_count, employed_members, income_per_capita,
      poverty_cause, status, food_clothing, education, medical, housing, medical_insurance, needs_relocation, needs_renovation,
      exit_date, head_name, phone, synthetic)
    SELECT "id", "villageCode", CASE WHEN "lon" IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint("lon", "lat"), 4326) END,
      "size", "labourCount", "employedMembers", "incomePerCapita", "povertyCause", "status", "foodClothing", "education",
      "medical", "housing", "medicalInsurance", "needsRelocation", "needsRenovation", "exitDate", "headName", "phone", "synthetic"
    FROM ${HOUSEHOLD_RECORDSET}`, rows, 'households', progress);
}

export async function insertHouseholdHistory(tx: Queryable, rows: Dataset['householdHistory'], progress?: Progress): Promise<void> {
  await insertJson(tx, `INSERT INTO household_history (household_id, valid_from, status, income_per_capita, food_clothing,
      education, medical, housing, medical_insurance, employed_members, relocated, renovated)
    SELECT "householdId", "validFrom", "status", "incomePerCapita", "foodClothing", "education", "medical", "housing",
      "medicalInsurance", "employedMembers", "relocated", "renovated"
    FROM json_to_recordset($1::json) AS r("householdId" text, "validFrom" date, "status" text, "incomePerCapita" int,
      "foodClothing" boolean, "education" boolean, "medical" boolean, "housing" boolean, "medicalInsurance" boolean,
      "employedMembers" int, "relocated" boolean, "renovated" boolean)`, rows, 'household history', progress);
}

export async function insertParks(tx: Queryable, rows: Dataset['parks']): Promise<void> {
  await insertJson(tx, `INSERT INTO parks (id, name, status, geom, synthetic)
    SELECT id, name, status, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)), synthetic
    FROM json_to_recordset($1::json) AS r(id text, name text, status text, geom text, synthetic boolean)`,
  rows.map((p) => ({ id: p.id, name: p.name, status: p.status, geom: JSON.stringify(p.geometry), synthetic: p.synthetic })), 'parks');
  await insertJson(tx, `INSERT INTO park_villages (park_id, village_code)
    SELECT park_id, village_code FROM json_to_recordset($1::json) AS r(park_id text, village_code text)`,
  rows.flatMap((p) => p.villages.map((v) => ({ park_id: p.id, village_code: v }))), 'park villages');
}

export async function insertProjects(tx: Queryable, rows: Dataset['projects'], progress?: Progress): Promise<void> {
  await insertJson(tx, `INSERT INTO projects (id, name, specialty, area_code, geom, budget, funds_disbursed, status, progress,
      department, responsible, start_date, end_date, completed_date, synthetic)
    SELECT "id", "name", "specialty", "areaCode", ST_SetSRID(ST_GeomFromGeoJSON("geom"), 4326), "budget", "fundsDisbursed",
      "status", "progress", "department", "responsible", "startDate", "endDate", "completedDate", "synthetic"
    FROM json_to_recordset($1::json) AS r("id" text, "name" text, "specialty" int, "areaCode" text, "geom" text,
      "budget" bigint, "fundsDisbursed" bigint, "status" text, "progress" numeric, "department" text, "responsible" text,
      "startDate" date, "endDate" date, "completedDate" date, "synthetic" boolean)`,
  rows.map((p) => ({ ...p, geom: JSON.stringify(p.geometry), geometry: undefined })), 'projects', progress);
}

export async function insertProjectHistory(tx: Queryable, rows: Dataset['projectHistory'], progress?: Progress): Promise<void> {
  await insertJson(tx, `INSERT INTO project_history (project_id, valid_from, funds_disbursed, progress, status)
    SELECT "projectId", "validFrom", "fundsDisbursed", "progress", "status" FROM json_to_recordset($1::json)
    AS r("projectId" text, "validFrom" date, "fundsDisbursed" bigint, "progress" numeric, "status" text)`, rows, 'project history', progress);
}

export async function insertActivities(tx: Queryable, rows: Dataset['activities']): Promise<void> {
  await insertJson(tx, `INSERT INTO activities (id, kind, area_code, held_on, person_times, synthetic)
    SELECT "id", "kind", "areaCode", "date", "personTimes", "synthetic" FROM json_to_recordset($1::json)
    AS r("id" text, "kind" text, "areaCode" text, "date" date, "personTimes" int, "synthetic" boolean)`, rows, 'activities');
}

/** Everything that depends on the areas, child tables first. */
export const DATA_TABLES = [
  'targets', 'household_totals', 'household_exits', 'project_deltas', 'activities', 'project_history', 'projects', 'park_villages', 'parks', 'household_history', 'households',
  'poverty_villages', 'areas', 'specialties', 'dataset_meta',
] as const;

/** Replaces the whole dataset inside the caller's transaction; households and history may come as streams of batches. */
export async function writeDataset(tx: Queryable, ds: Dataset | StreamedDataset, progress?: Progress): Promise<void> {
  for (const t of DATA_TABLES) await tx.query(`DELETE FROM ${t}`);
  await insertSpecialties(tx, ds.specialties);
  await insertAreas(tx, ds.areas, progress);
  await insertPovertyVillages(tx, ds.povertyVillages, progress);
  await insertBatches(ds.households, (rows) => insertHouseholds(tx, rows), 'households', progress);
  await insertBatches(ds.householdHistory, (rows) => insertHouseholdHistory(tx, rows), 'household history', progress);
  await insertParks(tx, ds.parks);
  await insertProjects(tx, ds.projects, progress);
  await insertProjectHistory(tx, ds.projectHistory, progress);
  await insertActivities(tx, ds.activities);
  await tx.query(`INSERT INTO dataset_meta (key, value) VALUES ('meta', $1::jsonb)`, [JSON.stringify(ds.meta)]);
  const asOf = typeof ds.meta.dataAsOf === 'string' ? ds.meta.dataAsOf : '2018-12-31';
  await refreshDeltas(tx);
  await generateTargets(tx, Number(asOf.slice(0, 4)));
}

/**
 * After an import, what is derived from the records follows them: the change tables, and the
 * generated targets for every year that had targets.
 */
export async function refreshDerived(tx: Queryable): Promise<void> {
  await refreshDeltas(tx);
  const years = (await tx.query<{ year: number }>('SELECT DISTINCT year FROM targets ORDER BY year')).map((r) => r.year);
  for (const year of years.length > 0 ? years : [2018]) await generateTargets(tx, year);
}
