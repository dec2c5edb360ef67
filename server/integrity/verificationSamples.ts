import { randomInt } from 'node:crypto';
import type { Database, Queryable } from '../db/openDatabase.ts';
import { evidenceAsOf, rankExits, type RiskBand } from '../domain/exitRisk.ts';
import { drawSample, estimateWrongExitRate, sampleSize, SAMPLE_DESIGN, type ExitStandard, type Sample, type VisitResult } from '../domain/verificationSample.ts';
import type { SampleDetail, SampleUnitRow, TownshipEstimate } from '../domain/responses.ts';

export { EXIT_STANDARDS } from '../domain/verificationSample.ts';
import { levelOfCode } from '../domain/areaCodes.ts';
import { gatherExitEvidence } from './exitEvidence.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import { requireInside } from '../auth/access.ts';
import { refreshHouseholdTotals } from '../progress/refreshDeltas.ts';


interface Who { actorId: number; actor: string; ip: string }

/**
 * Draws a 回头看 sample of the exits inside `area` (a county or the city) as of `asOf`, sized for
 * `margin` at 95 % confidence, stores it with its seed and audits it, in one transaction.
 */
export async function createSample(db: Database, who: Who, q: { areaCode: string; asOf: string; margin?: number; seed?: number }): Promise<number> {
  const level = levelOfCode(q.areaCode);
  if (level !== 'county' && level !== 'city' && level !== 'province') throw new BadRequestError(`areaCode: a sample is drawn for a county, a city or a province, not a ${level ?? 'code like ' + q.areaCode}`);
  const margin = q.margin ?? SAMPLE_DESIGN.margin;
  const seed = q.seed ?? randomInt(1, 2 ** 31 - 1);
  return db.transaction(async (tx) => {
    const [area] = await tx.query<{ code: string }>('SELECT code FROM areas WHERE code = $1', [q.areaCode]);
    if (!area) throw new NotFoundError(`areaCode: no area ${q.areaCode}`);
    // Gathered in the draw's own transaction, not from the report's kept exits: the sample is of what this snapshot holds.
    const evidence = evidenceAsOf(await gatherExitEvidence(tx, q.areaCode), q.asOf);
    if (evidence.length === 0) throw new BadRequestError(`areaCode: ${q.areaCode} has no exits on or before ${q.asOf} to verify`);
    const risks = rankExits(evidence);
    const village = new Map(evidence.map((e) => [`${e.householdId} ${e.exitDate}`, e.villageCode]));
    // A household that exited twice is verified once, for its latest exit.
    const latest = new Map<string, (typeof risks)[number]>();
    for (const r of risks) if (!latest.has(r.householdId) || latest.get(r.householdId)!.exitDate < r.exitDate) latest.set(r.householdId, r);
    const units = [...latest.values()].map((r) => ({ householdId: r.householdId, township: village.get(`${r.householdId} ${r.exitDate}`)!.slice(0, 9), band: r.band }));
    const populations = { high: 0, medium: 0, low: 0 } as Record<RiskBand, number>;
    for (const u of units) populations[u.band] += 1;
    const sample = drawSample(units, seed, sampleSize(populations, margin));
    const [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO verification_samples (area_code, as_of, seed, margin, population, bands, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING id`,
      [q.areaCode, q.asOf, seed, margin, sample.population, JSON.stringify(sample.bands), who.actor]);
    await tx.query(`INSERT INTO verification_units (sample_id, household_id, village_code, exit_date, band, probability, signals)
      SELECT $1, u.id, u.village, u.exit::date, u.band, u.probability, ARRAY(SELECT jsonb_array_elements_text(u.signals))
      FROM json_to_recordset($2::json) AS u(id text, village text, exit text, band text, probability float8, signals jsonb)`,
    [id, JSON.stringify(sample.units.map((u) => {
      const r = latest.get(u.householdId)!;
      return { id: u.householdId, village: village.get(`${r.householdId} ${r.exitDate}`), exit: r.exitDate, band: u.band, probability: u.probability, signals: r.signals };
    }))]);
    await writeAudit(tx, { ...who, action: 'verification.draw', entity: 'verification_sample', entityId: String(id), areaCode: q.areaCode,
      after: { asOf: q.asOf, seed, margin, population: sample.population, size: sample.size, bands: sample.bands } });
    return id;
  });
}

/** The samples inside `area`, newest first, each with its estimate so far. */
export async function listSamples(db: Queryable, area: string) {
  const samples = await db.query<{ id: number }>('SELECT id FROM verification_samples WHERE area_code LIKE $1 || \'%\' ORDER BY id DESC LIMIT 100', [area]);
  const out: Omit<SampleDetail, 'units' | 'townships'>[] = [];
  for (const s of samples) {
    const { units: _u, townships: _t, ...rest } = await getSample(db, s.id, area, false);
    out.push(rest);
  }
  return out;
}

/**
 * A sample with its units, visits and the estimate from the visits so far. The caller must be
 * inside the sample's area; names are given to readers of the visit list, phone numbers only to
 * roles that may read household records (`withPhone`).
 */
export async function getSample(db: Queryable, id: number, area: string, withPhone: boolean): Promise<SampleDetail> {
  const [s] = await db.query<{ id: number; areaCode: string; asOf: string; seed: string; margin: string; population: number; bands: Sample['bands']; createdBy: string; createdAt: string }>(
    `SELECT id, area_code AS "areaCode", as_of::text AS "asOf", seed::text AS seed, margin::text AS margin, population, bands,
       created_by AS "createdBy", created_at::text AS "createdAt" FROM verification_samples WHERE id = $1`, [id]);
  if (!s) throw new NotFoundError(`id: no sample ${id}`);
  requireInside(area, s.areaCode, `sample ${id}`);
  const units = await db.query<SampleUnitRow & { probability: string }>(
    `SELECT u.household_id AS "householdId", u.village_code AS "villageCode", v.short_name AS "villageName",
       left(u.village_code, 9) AS township, t.short_name AS "townshipName", u.exit_date::text AS "exitDate", u.band,
       u.probability::text AS probability, u.signals, h.head_name AS "headName", CASE WHEN $3 THEN h.phone END AS phone,
       u.result, u.failed, u.visited_by AS "visitedBy", u.visited_on::text AS "visitedOn", u.note, u.version
     FROM verification_units u
     LEFT JOIN households h ON h.id = u.household_id
     LEFT JOIN areas v ON v.code = u.village_code
     LEFT JOIN areas t ON t.code = left(u.village_code, 9)
     WHERE u.sample_id = $1 AND u.village_code LIKE $2 || '%'
     ORDER BY left(u.village_code, 9), u.village_code, u.household_id`, [id, area, withPhone]);
  const rows = units.map((u) => ({ ...u, probability: Number(u.probability) }));
  const sample: Sample = {
    seed: Number(s.seed), size: rows.length, population: s.population, bands: s.bands,
    units: rows.map((u) => ({ householdId: u.householdId, township: u.township, band: u.band, probability: u.probability })),
  };
  const results = new Map(rows.filter((u) => u.result).map((u) => [u.householdId, u.result!]));
  const townships = new Map<string, TownshipEstimate & { weight: number; weightedWrong: number }>();
  for (const u of rows) {
    const t = townships.get(u.township) ?? { code: u.township, name: u.townshipName, sampled: 0, visited: 0, wrong: 0, rate: null, weight: 0, weightedWrong: 0 };
    t.sampled += 1;
    if (u.result === 'confirmed' || u.result === 'wrong') {
      t.visited += 1;
      t.weight += 1 / u.probability;
      if (u.result === 'wrong') {
        t.wrong += 1;
        t.weightedWrong += 1 / u.probability;
      }
    }
    townships.set(u.township, t);
  }
  return {
    id: s.id, areaCode: s.areaCode, asOf: s.asOf, seed: Number(s.seed), margin: Number(s.margin), population: s.population,
    size: rows.length, bands: s.bands, createdBy: s.createdBy, createdAt: s.createdAt,
    estimate: estimateWrongExitRate(sample, results),
    townships: [...townships.values()].map(({ weight, weightedWrong, ...t }) => ({ ...t, rate: weight > 0 ? weightedWrong / weight : null })),
    units: rows,
  };
}

export interface VisitRecord {
  version: number;
  result: VisitResult;
  failed?: ExitStandard[];
  visitedBy: string;
  visitedOn: string;
  note?: string;
  /** 回头帮: a wrong exit put back to poor or at risk, with the reason. */
  reopen?: { status: 'poor' | 'at_risk'; reason: string };
}

/**
 * Records a visit: the result, who visited and when, and for a wrong exit which standard failed;
 * optionally reopens the household (回头帮) with a dated history row. All in one transaction,
 * each change audited; the caller must be inside the household's area.
 */
export async function recordVisit(db: Database, who: Who & { area: string }, sampleId: number, householdId: string, v: VisitRecord): Promise<void> {
  if (v.result === 'wrong' && (v.failed ?? []).length === 0) throw new BadRequestError('failed: a wrong exit names the standard it fails (income, food_clothing, education, medical, housing)');
  if (v.result !== 'wrong' && (v.failed ?? []).length > 0) throw new BadRequestError(`failed: only a wrong exit fails a standard, this visit is "${v.result}"`);
  if (v.reopen && v.result !== 'wrong') throw new BadRequestError('reopen: only a wrong exit is reopened (回头帮)');
  await db.transaction(async (tx) => {
    const [u] = await tx.query<{ village_code: string; version: number; result: string | null; exit_date: string }>(
      `SELECT village_code, version, result, exit_date::text AS exit_date FROM verification_units WHERE sample_id = $1 AND household_id = $2 FOR UPDATE`,
      [sampleId, householdId]);
    if (!u) throw new NotFoundError(`householdId: ${householdId} is not in sample ${sampleId}`);
    requireInside(who.area, u.village_code, `household ${householdId}`);
    if (u.version !== v.version) throw new ConflictError(`the visit of ${householdId} was recorded since version ${v.version}; it is now version ${u.version}`, null);
    if (v.visitedOn < u.exit_date) throw new BadRequestError(`visitedOn: ${v.visitedOn} is before the exit it verifies (${u.exit_date})`);
    await tx.query(`UPDATE verification_units SET result = $3, failed = $4::text[], visited_by = $5, visited_on = $6, note = $7,
        recorded_by = $8, recorded_at = now(), version = version + 1 WHERE sample_id = $1 AND household_id = $2`,
    [sampleId, householdId, v.result, v.failed ?? [], v.visitedBy, v.visitedOn, v.note ?? '', who.actor]);
    await writeAudit(tx, { actorId: who.actorId, actor: who.actor, ip: who.ip, action: 'verification.record', entity: 'verification_unit',
      entityId: `${sampleId}/${householdId}`, areaCode: u.village_code, before: { result: u.result },
      after: { result: v.result, failed: v.failed ?? [], visitedBy: v.visitedBy, visitedOn: v.visitedOn, note: v.note ?? '' } });
    if (v.reopen) await reopenHousehold(tx, who, householdId, v.visitedOn, v.reopen);
  });
}

async function reopenHousehold(tx: Queryable, who: Who, id: string, on: string, reopen: { status: 'poor' | 'at_risk'; reason: string }): Promise<void> {
  const [h] = await tx.query<{ status: string; village_code: string; version: number }>('SELECT status, village_code, version FROM households WHERE id = $1 FOR UPDATE', [id]);
  if (!h) throw new NotFoundError(`householdId: no household ${id} to reopen`);
  const [last] = await tx.query<{ valid_from: string }>('SELECT valid_from::text AS valid_from FROM household_history WHERE household_id = $1 ORDER BY valid_from DESC LIMIT 1', [id]);
  if (last && on < last.valid_from) throw new BadRequestError(`visitedOn: ${on} is before the household's latest recorded change (${last.valid_from}); it cannot be reopened as of then`);
  await tx.query(`UPDATE households SET status = $2, exit_date = CASE WHEN $2 = 'poor' THEN NULL ELSE exit_date END, version = version + 1 WHERE id = $1`, [id, reopen.status]);
  await tx.query(`INSERT INTO household_history (household_id, valid_from, status, income_per_capita, food_clothing, education, medical, housing,
      medical_insurance, employed_members, relocated, renovated)
    SELECT id, $2::date, status, income_per_capita, food_clothing, education, medical, housing, medical_insurance, employed_members,
      coalesce((SELECT relocated FROM household_history WHERE household_id = $1 ORDER BY valid_from DESC LIMIT 1), false),
      coalesce((SELECT renovated FROM household_history WHERE household_id = $1 ORDER BY valid_from DESC LIMIT 1), false)
    FROM households WHERE id = $1
    ON CONFLICT (household_id, valid_from) DO UPDATE SET status = EXCLUDED.status`, [id, on]);
  await refreshHouseholdTotals(tx, h.village_code);
  await writeAudit(tx, { actorId: who.actorId, actor: who.actor, ip: who.ip, action: 'household.reopen', entity: 'household', entityId: id,
    areaCode: h.village_code, before: { status: h.status, version: h.version }, after: { status: reopen.status, effectiveDate: on }, reason: reopen.reason });
}

export interface AreaWrongExit {
  sampleId: number;
  asOf: string;
  rate: number | null;
  low: number | null;
  high: number | null;
  visited: number;
}

/** Each area's newest sample and its estimate so far, for areas that have one (counties, the city). */
export async function latestSampleEstimates(db: Queryable, codes: string[]): Promise<Map<string, AreaWrongExit>> {
  const newest = await db.query<{ id: number; area_code: string }>(
    `SELECT DISTINCT ON (area_code) id, area_code FROM verification_samples WHERE area_code = ANY($1::text[]) ORDER BY area_code, id DESC`, [codes]);
  const out = new Map<string, AreaWrongExit>();
  for (const s of newest) {
    const detail = await getSample(db, s.id, s.area_code, false);
    const { rate, low, high, visited } = detail.estimate;
    out.set(s.area_code, { sampleId: s.id, asOf: detail.asOf, rate, low, high, visited });
  }
  return out;
}
