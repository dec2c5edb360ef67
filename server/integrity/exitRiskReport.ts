import type { Queryable } from '../db/openDatabase.ts';
import { dataVersion } from '../audit/auditQueries.ts';
import { bunchingOf, byRisk, EXIT_RISK, evidenceAsOf, scoreExit, SIGNAL_POINTS, type GatheredExit, type RiskBand } from '../domain/exitRisk.ts';
import type { ExitRiskReport } from '../domain/responses.ts';
import { gatherExitEvidence } from './exitEvidence.ts';
import { shortNames } from '../areas/areaQueries.ts';
import { placeNameEn } from '../domain/placeNames.ts';

type RankedExit = Omit<ExitRiskReport['ranked'][number], 'villageName' | 'villageNameEn'>;
interface Scored { exits: number; bands: Record<RiskBand, number>; ranked: RankedExit[] }

/** The data version's parts (DATA_VERSION_SQL): newest audit id, audit rows within 10,000 of it, dataset row's xmin. */
interface Stamp { version: string; maxId: number; windowCount: number; dataset: string }

/** An area's exits of every date, as of a data version, and its reports scored from them by date; when last gathered whole. */
interface KeptEvidence { stamp: Stamp; exits: GatheredExit[]; scored: Map<string, Scored>; gatheredAt: number }

/**
 * An area's gathered exits are kept per database and brought up to date by the audit rows
 * written since: only the households those rows name are gathered again. Gathering a city's
 * 36,000 exits takes a second; one edit's household takes milliseconds.
 */
const kept = new WeakMap<Queryable, Map<string, KeptEvidence>>();
const KEPT_AREAS = 4;
const KEPT_DATES = 8;
/** More new audit rows than this (an import), and the area is gathered afresh. */
const MAX_REFRESH_ROWS = 2_000;
/**
 * Gathered afresh at least this often: a change no audit row names (a meeting's shown week
 * committed after an exit it predates) or one committed very late (more than 10,000 ids below
 * the kept newest) is then picked up within minutes, not when the household is next edited.
 */
const KEPT_MAX_AGE_MS = 10 * 60_000;
/** Rows of these entities change nothing an exit's risk weighs (history, households, their audit rows, projects). */
const IRRELEVANT_ENTITIES = new Set(['user', 'park', 'park_proposal', 'park_village', 'activity', 'poverty_village', 'target', 'task', 'problem',
  'verification_sample', 'verification_unit']);
const BURST_MS = 30 * 60_000;

/** Forget the exits kept for a database: its next report gathers afresh (the bench's cold case). */
export function forgetKeptExits(db: Queryable): void {
  kept.delete(db);
}

function stampOf(version: string): Stamp {
  const [maxId, windowCount, dataset] = version.split('/');
  return { version, maxId: Number(maxId), windowCount: Number(windowCount), dataset };
}

/**
 * The households whose evidence the audit rows after `since` may have changed, or null when the
 * area must be gathered afresh: a dataset load, a row committed late below the kept newest id,
 * a project (housing works), an area, too many rows, an entity not known to be harmless.
 */
async function touchedSince(db: Queryable, since: Stamp, now: Stamp, exits: readonly GatheredExit[]): Promise<Set<string> | null> {
  if (now.dataset !== since.dataset) return null;
  const [late] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE id > $1::bigint - 10000 AND id <= $1::bigint', [since.maxId]);
  if (late.n !== since.windowCount) return null;
  const rows = await db.query<{ entity: string; entity_id: string; action: string; actor: string; at: string }>(
    'SELECT entity, entity_id, action, actor, at::text FROM audit_log WHERE id > $1::bigint ORDER BY id LIMIT $2', [since.maxId, MAX_REFRESH_ROWS + 1]);
  if (rows.length > MAX_REFRESH_ROWS) return null;
  const touched = new Set<string>();
  let byActor: Map<string, { at: number; householdId: string }[]> | null = null;
  for (const r of rows) {
    if (IRRELEVANT_ENTITIES.has(r.entity)) continue;
    if (r.entity !== 'household') return null;
    touched.add(r.entity_id);
    // A new exit entry counts in the bursts of the same account's exits entered within the half hour around it.
    if (r.action === 'household.exit') {
      byActor ??= enteredByActor(exits);
      const at = Date.parse(r.at);
      // Timestamps are read to the millisecond, the database compares microseconds: a millisecond's slack.
      for (const e of byActor.get(r.actor) ?? []) if (Math.abs(e.at - at) <= BURST_MS + 1) touched.add(e.householdId);
    }
  }
  return touched;
}

function enteredByActor(exits: readonly GatheredExit[]): Map<string, { at: number; householdId: string }[]> {
  const out = new Map<string, { at: number; householdId: string }[]>();
  for (const e of exits) {
    if (e.actor === null || e.enteredAt === null) continue;
    let list = out.get(e.actor);
    if (!list) out.set(e.actor, (list = []));
    list.push({ at: Date.parse(e.enteredAt), householdId: e.householdId });
  }
  return out;
}

/** The area's exits as of the current data version: kept, brought up to date, or gathered afresh. */
async function keptEvidence(db: Queryable, area: string): Promise<KeptEvidence> {
  // Read before gathering: a write committed in between is then gathered again next time, never missed.
  const now = stampOf(await dataVersion(db));
  let byArea = kept.get(db);
  if (!byArea) kept.set(db, (byArea = new Map()));
  const hit = byArea.get(area);
  let next: KeptEvidence;
  const young = hit && Date.now() - hit.gatheredAt < KEPT_MAX_AGE_MS;
  if (hit && young && hit.stamp.version === now.version) next = hit;
  else {
    const touched = hit && young ? await touchedSince(db, hit.stamp, now, hit.exits) : null;
    if (hit && touched && touched.size === 0) {
      // Only rows that change no exit (tasks, accounts…): the scored reports stay good.
      next = { ...hit, stamp: now };
    } else if (hit && touched) {
      const fresh = await gatherExitEvidence(db, area, [...touched]);
      // In no particular order, as gathered: the report ranks them.
      const exits = hit.exits.filter((e) => !touched.has(e.householdId)).concat(fresh);
      next = { stamp: now, exits, scored: new Map(), gatheredAt: hit.gatheredAt };
    } else {
      next = { stamp: now, exits: await gatherExitEvidence(db, area), scored: new Map(), gatheredAt: Date.now() };
    }
  }
  // The area asked last goes to the end; the oldest goes first (a Map iterates in insertion order).
  byArea.delete(area);
  byArea.set(area, next);
  if (byArea.size > KEPT_AREAS) byArea.delete(byArea.keys().next().value!);
  return next;
}

/** Every exit up to `asOf` scored against the others (bunching is relative to the area's share). */
export function scoreExits(exits: readonly GatheredExit[], asOf: string): Scored {
  const evidence = evidenceAsOf(exits, asOf);
  const context = bunchingOf(evidence);
  const bands: Record<RiskBand, number> = { low: 0, medium: 0, high: 0 };
  const ranked = evidence.map((e): RankedExit => {
    const r = scoreExit(e, context);
    bands[r.band] += 1;
    return {
      householdId: e.householdId, villageCode: e.villageCode, exitDate: e.exitDate, enteredAt: e.enteredAt, actor: e.actor,
      incomeBefore: e.incomeBefore, incomeAtExit: e.incomeAtExit, score: r.score, band: r.band, signals: r.signals,
    };
  }).sort(byRisk);
  return { exits: evidence.length, bands, ranked };
}

async function scoredExits(db: Queryable, area: string, asOf: string): Promise<Scored> {
  const evidence = await keptEvidence(db, area);
  let scored = evidence.scored.get(asOf);
  if (!scored) {
    scored = scoreExits(evidence.exits, asOf);
    evidence.scored.set(asOf, scored);
    if (evidence.scored.size > KEPT_DATES) evidence.scored.delete(evidence.scored.keys().next().value!);
  }
  return scored;
}

/** Every exit inside `area` up to `asOf`, scored; the `limit` riskiest listed, highest first. */
export async function exitRiskReport(db: Queryable, area: string, asOf: string, limit: number, band?: RiskBand): Promise<ExitRiskReport> {
  const { exits, bands, ranked } = await scoredExits(db, area, asOf);
  const listed = (band ? ranked.filter((r) => r.band === band) : ranked).slice(0, limit);
  const names = await shortNames(db, listed.map((r) => r.villageCode));
  return {
    area, asOf, exits, bands: { ...bands }, rules: { thresholds: EXIT_RISK, points: SIGNAL_POINTS },
    ranked: listed.map((r) => {
      const villageName = names.get(r.villageCode) ?? '';
      return { ...r, villageName, villageNameEn: placeNameEn(villageName, 'village') };
    }),
  };
}
