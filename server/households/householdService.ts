import type { Database, Queryable } from '../db/openDatabase.ts';
import type { Principal } from '../auth/access.ts';
import { exitFailures } from '../domain/exitRules.ts';
import { refreshHouseholdTotals } from '../progress/refreshDeltas.ts';
import { latestShownWeekFrom } from '../progress/shownFigures.ts';
import { writeAudit } from '../audit/writeAudit.ts';
import { BadRequestError, ConflictError, NotFoundError, RuleError } from '../errors.ts';

export const HOUSEHOLD_COLUMNS = `id, village_code, ST_X(geom) AS lon, ST_Y(geom) AS lat, size, labour_count, employed_members,
  income_per_capita, poverty_cause, status, food_clothing, education, medical, housing, medical_insurance,
  needs_relocation, needs_renovation, exit_date::text AS exit_date, head_name, phone, version, synthetic`;

export interface HouseholdRow {
  id: string; village_code: string; lon: number | null; lat: number | null; size: number; labour_count: number;
  employed_members: number; income_per_capita: number; poverty_cause: string; status: 'poor' | 'exited' | 'at_risk';
  food_clothing: boolean; education: boolean; medical: boolean; housing: boolean; medical_insurance: boolean;
  needs_relocation: boolean; needs_renovation: boolean; exit_date: string | null; head_name: string; phone: string;
  version: number; synthetic: boolean;
}

export interface HouseholdFilter {
  scope: string;
  area?: string;
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listHouseholds(db: Queryable, f: HouseholdFilter): Promise<{ total: number; rows: HouseholdRow[] }> {
  const where = `village_code LIKE $1 || '%' AND ($2::text IS NULL OR village_code LIKE $2 || '%')
    AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR id = $4 OR head_name LIKE '%' || $4 || '%')`;
  const params = [f.scope, f.area ?? null, f.status ?? null, f.q ?? null];
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM households WHERE ${where}`, params);
  const rows = await db.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE ${where} ORDER BY id LIMIT $5 OFFSET $6`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { total, rows };
}

/** One household inside the scope; outside it, it does not exist for the caller. */
export async function getHousehold(db: Queryable, id: string, scope: string, lock = false): Promise<HouseholdRow> {
  const [row] = await db.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE id = $1 AND village_code LIKE $2 || '%'${lock ? ' FOR UPDATE' : ''}`, [id, scope]);
  if (!row) throw new NotFoundError(`id: no household ${id} in your area`);
  return row;
}

export const EDITABLE = ['status', 'income_per_capita', 'food_clothing', 'education', 'medical', 'housing', 'medical_insurance',
  'employed_members', 'head_name', 'phone'] as const;
export type HouseholdChanges = Partial<Pick<HouseholdRow, (typeof EDITABLE)[number]>> & { relocated?: boolean; renovated?: boolean };

export interface HouseholdEdit {
  version: number;
  effectiveDate: string;
  changes: HouseholdChanges;
  override?: { reason: string };
  /** Why the edit is dated into a week already shown in a meeting: then required, and flagged. */
  backdateReason?: string;
}

/**
 * Applies an edit based on `version`: refused with 409 if the record moved on, with 422 if an
 * exit fails the standard (unless overridden with a reason, which is flagged). The record, its
 * dated history, the village's running totals and the audit row change in one transaction.
 */
export async function updateHousehold(db: Database, principal: Extract<Principal, { kind: 'user' }>, ip: string, id: string, edit: HouseholdEdit): Promise<HouseholdRow> {
  return db.transaction(async (tx) => {
    const before = await getHousehold(tx, id, principal.areaCode, true);
    if (before.version !== edit.version) throw new ConflictError(`household ${id} was changed since version ${edit.version}; it is now version ${before.version}`, before);
    const [last] = await tx.query<{ valid_from: string; relocated: boolean; renovated: boolean }>(
      'SELECT valid_from::text AS valid_from, relocated, renovated FROM household_history WHERE household_id = $1 ORDER BY valid_from DESC LIMIT 1', [id]);
    if (last && edit.effectiveDate < last.valid_from) {
      throw new BadRequestError(`effectiveDate: ${edit.effectiveDate} is before the household's latest recorded change (${last.valid_from})`);
    }
    if (edit.changes.employed_members !== undefined && edit.changes.employed_members > before.size) {
      throw new BadRequestError(`changes.employed_members: ${edit.changes.employed_members} is more than the household's ${before.size} members`);
    }
    const after = { ...before, ...Object.fromEntries(Object.entries(edit.changes).filter(([k]) => (EDITABLE as readonly string[]).includes(k))) } as HouseholdRow;
    const exiting = after.status === 'exited' && before.status !== 'exited';
    const failures = exiting ? exitFailures(after) : [];
    if (failures.length > 0 && !edit.override) {
      throw new RuleError(`household ${id} does not meet the exit standard; fix the record, or give override.reason to exit it anyway (flagged for review)`, failures);
    }
    // An edit dated into a week a meeting was already shown changes a reported figure: say why.
    const shownWeek = await latestShownWeekFrom(tx, edit.effectiveDate);
    if (shownWeek && !edit.backdateReason) {
      throw new RuleError(`effectiveDate: ${edit.effectiveDate} changes the week of ${shownWeek}, already shown in a meeting; give backdateReason to make the change (flagged for review)`,
        [`backdated: the week of ${shownWeek} was already shown in a meeting`]);
    }
    const flagged = failures.length > 0 || shownWeek !== null;
    after.exit_date = exiting ? edit.effectiveDate : after.status === 'poor' ? null : before.exit_date;
    const [updated] = await tx.query<{ version: number }>(
      `UPDATE households SET status = $2, income_per_capita = $3, food_clothing = $4, education = $5, medical = $6, housing = $7,
         medical_insurance = $8, employed_members = $9, head_name = $10, phone = $11, exit_date = $12, version = version + 1
       WHERE id = $1 AND version = $13 RETURNING version`,
      [id, after.status, after.income_per_capita, after.food_clothing, after.education, after.medical, after.housing,
        after.medical_insurance, after.employed_members, after.head_name, after.phone, after.exit_date, edit.version]);
    if (!updated) throw new ConflictError(`household ${id} was changed meanwhile`, await getHousehold(tx, id, principal.areaCode));
    await tx.query(
      `INSERT INTO household_history (household_id, valid_from, status, income_per_capita, food_clothing, education, medical, housing,
         medical_insurance, employed_members, relocated, renovated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (household_id, valid_from) DO UPDATE SET status = EXCLUDED.status, income_per_capita = EXCLUDED.income_per_capita,
         food_clothing = EXCLUDED.food_clothing, education = EXCLUDED.education, medical = EXCLUDED.medical, housing = EXCLUDED.housing,
         medical_insurance = EXCLUDED.medical_insurance, employed_members = EXCLUDED.employed_members,
         relocated = EXCLUDED.relocated, renovated = EXCLUDED.renovated`,
      [id, edit.effectiveDate, after.status, after.income_per_capita, after.food_clothing, after.education, after.medical, after.housing,
        after.medical_insurance, after.employed_members, edit.changes.relocated ?? last?.relocated ?? false, edit.changes.renovated ?? last?.renovated ?? false]);
    await refreshHouseholdTotals(tx, before.village_code);
    const changed = Object.keys(edit.changes).filter((k) => (before as unknown as Record<string, unknown>)[k] !== (edit.changes as Record<string, unknown>)[k]);
    await writeAudit(tx, {
      actorId: principal.id, actor: principal.username, ip, action: exiting ? 'household.exit' : 'household.update',
      entity: 'household', entityId: id, areaCode: before.village_code,
      before: Object.fromEntries([...changed, 'version'].map((k) => [k, (before as unknown as Record<string, unknown>)[k]])),
      after: { ...Object.fromEntries(changed.map((k) => [k, (edit.changes as Record<string, unknown>)[k]])), version: updated.version, effectiveDate: edit.effectiveDate },
      reason: [edit.override?.reason, shownWeek ? `backdated into the week of ${shownWeek}: ${edit.backdateReason}` : null].filter(Boolean).join('; ') || null,
      flagged,
    });
    return getHousehold(tx, id, principal.areaCode);
  });
}
