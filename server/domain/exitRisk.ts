import { INCOME_LINE_YUAN } from './indicators.ts';

/**
 * Risk that an exit was made to look right (数字脱贫): signals an inspector would recognise, each
 * defined once with its threshold and its points. Pure: the query in server/integrity gathers the
 * evidence, this module weighs it.
 */
export const EXIT_RISK = {
  /** The state before the exit is the last history row at least this many days before it. */
  windowDays: 42,
  /** "Just above the line": at most this many yuan above INCOME_LINE_YUAN. */
  nearLineYuan: 150,
  /** A rise of at least this share within the window that ends above the line. */
  jumpShare: 0.2,
  /** Entered this many days or more after its effective date. */
  backdatedDays: 14,
  /** This many exits or more entered by one account within an hour. */
  burstExits: 10,
  /** Local hours (China time) outside which an entry is odd: before 7:00 or from 22:00. */
  workdayHours: [7, 22] as const,
  /** A village's or account's share of near-line exits at least this many times the city's, over at least `bunchMin` exits, two of them near the line. */
  bunchFactor: 2,
  bunchMin: 5,
  /** Points at or above which an exit is flagged (medium) and high. */
  bands: { medium: 2, high: 3.5 },
} as const;

export type RiskSignal =
  | 'overridden' | 'reversed' | 'backdated' | 'income_crossed' | 'near_line' | 'income_jump'
  | 'guarantee_turned' | 'housing_without_works' | 'burst' | 'odd_hour' | 'bunched';

/**
 * Points per signal: a strong signal alone flags; weak ones flag only together. Income crossing
 * the line, a big rise and a guarantee put right before the exit are what a real exit looks like
 * too (most do), so each is weak; a record made to pass by a small margin is not.
 */
export const SIGNAL_POINTS: Record<RiskSignal, number> = {
  overridden: 4,
  reversed: 2,
  backdated: 2,
  income_crossed: 0.5,
  near_line: 2,
  income_jump: 0.5,
  guarantee_turned: 0.5,
  housing_without_works: 2,
  burst: 2,
  odd_hour: 1,
  bunched: 1,
};

export interface ExitEvidence {
  householdId: string;
  villageCode: string;
  /** The exit's effective date (its history row). */
  exitDate: string;
  /** When the exit was entered (audit row), null when unknown (loaded data). */
  enteredAt: string | null;
  actor: string | null;
  /** Income at the last history row before the window, and at the exit. */
  incomeBefore: number | null;
  incomeAtExit: number;
  /** Guarantees (food_clothing, education, medical, housing) that were false before the window and true at the exit. */
  guaranteesTurned: string[];
  /** A relocation or renovation is recorded for the household, or a housing project (新村建设 / 易地搬迁) in its village. */
  housingWorks: boolean;
  overridden: boolean;
  reversed: boolean;
  /** Exits entered by the same account within the hour around this one, this one included. */
  actorExitsInHour: number;
  /** Entered after a meeting had been shown a week on or after its effective date: a reported figure changed. */
  changedShownWeek?: boolean;
}

/**
 * An exit's evidence with its reversal as a date rather than a flag: everything else an exit's
 * risk weighs does not depend on the report's date, so one gathering serves every `asOf`.
 */
export interface GatheredExit extends Omit<ExitEvidence, 'reversed'> {
  /** The first later history row that turns the household poor again, if any. */
  reversedOn: string | null;
}

/** The evidence as of a date: the exits effective by then, reversed if turned poor again by then. */
export function evidenceAsOf(exits: readonly GatheredExit[], asOf: string): ExitEvidence[] {
  const out: ExitEvidence[] = [];
  // Spelled out, not a rest-spread: this runs for every exit of a city at each ask (V8 copies a literal far faster).
  for (const e of exits) {
    if (e.exitDate > asOf) continue;
    out.push({
      householdId: e.householdId, villageCode: e.villageCode, exitDate: e.exitDate, enteredAt: e.enteredAt, actor: e.actor,
      incomeBefore: e.incomeBefore, incomeAtExit: e.incomeAtExit, guaranteesTurned: e.guaranteesTurned, housingWorks: e.housingWorks,
      overridden: e.overridden, reversed: e.reversedOn !== null && e.reversedOn <= asOf, actorExitsInHour: e.actorExitsInHour,
      changedShownWeek: e.changedShownWeek,
    });
  }
  return out;
}

/** Near-line shares of exits per village and per account, against the city's. */
export interface BunchingContext {
  cityShare: number;
  byVillage: ReadonlyMap<string, { exits: number; nearLine: number }>;
  byActor: ReadonlyMap<string, { exits: number; nearLine: number }>;
}

export type RiskBand = 'low' | 'medium' | 'high';

export interface ExitRisk {
  householdId: string;
  exitDate: string;
  score: number;
  band: RiskBand;
  signals: RiskSignal[];
}

export function isNearLine(income: number): boolean {
  return income > INCOME_LINE_YUAN && income <= INCOME_LINE_YUAN + EXIT_RISK.nearLineYuan;
}

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

/** The hour of a timestamp in China time (UTC+8, no daylight saving). */
function chinaHour(at: string): number {
  return (new Date(at).getUTCHours() + 8) % 24;
}

export function bandOf(score: number): RiskBand {
  return score >= EXIT_RISK.bands.high ? 'high' : score >= EXIT_RISK.bands.medium ? 'medium' : 'low';
}

function bunched(group: { exits: number; nearLine: number } | undefined, cityShare: number): boolean {
  if (!group || group.exits < EXIT_RISK.bunchMin) return false;
  return group.nearLine >= 2 && group.nearLine / group.exits >= cityShare * EXIT_RISK.bunchFactor;
}

/** The signals an exit shows, and its score and band. */
export function scoreExit(e: ExitEvidence, bunching: BunchingContext): ExitRisk {
  const signals: RiskSignal[] = [];
  if (e.overridden) signals.push('overridden');
  if (e.reversed) signals.push('reversed');
  if ((e.enteredAt && daysBetween(e.exitDate, e.enteredAt) >= EXIT_RISK.backdatedDays) || e.changedShownWeek) signals.push('backdated');
  const crossed = e.incomeBefore !== null && e.incomeBefore <= INCOME_LINE_YUAN && e.incomeAtExit > INCOME_LINE_YUAN;
  if (crossed) signals.push('income_crossed');
  if (crossed && isNearLine(e.incomeAtExit)) signals.push('near_line');
  if (crossed && e.incomeBefore! > 0 && e.incomeAtExit >= e.incomeBefore! * (1 + EXIT_RISK.jumpShare)) signals.push('income_jump');
  if (e.guaranteesTurned.some((g) => g !== 'housing')) signals.push('guarantee_turned');
  if (e.guaranteesTurned.includes('housing') && !e.housingWorks) signals.push('housing_without_works');
  if (e.actorExitsInHour >= EXIT_RISK.burstExits) signals.push('burst');
  if (e.enteredAt) {
    const h = chinaHour(e.enteredAt);
    if (h < EXIT_RISK.workdayHours[0] || h >= EXIT_RISK.workdayHours[1]) signals.push('odd_hour');
  }
  if (isNearLine(e.incomeAtExit) && (bunched(bunching.byVillage.get(e.villageCode), bunching.cityShare)
    || (e.actor !== null && bunched(bunching.byActor.get(e.actor), bunching.cityShare)))) signals.push('bunched');
  const score = signals.reduce((s, k) => s + SIGNAL_POINTS[k], 0);
  return { householdId: e.householdId, exitDate: e.exitDate, score, band: bandOf(score), signals };
}

/** Near-line shares from all the exits considered (the city's, for a fair comparison). */
export function bunchingOf(exits: readonly Pick<ExitEvidence, 'villageCode' | 'actor' | 'incomeAtExit'>[]): BunchingContext {
  const byVillage = new Map<string, { exits: number; nearLine: number }>();
  const byActor = new Map<string, { exits: number; nearLine: number }>();
  let near = 0;
  const add = (m: Map<string, { exits: number; nearLine: number }>, k: string, n: boolean) => {
    const g = m.get(k) ?? { exits: 0, nearLine: 0 };
    g.exits += 1;
    if (n) g.nearLine += 1;
    m.set(k, g);
  };
  for (const e of exits) {
    const n = isNearLine(e.incomeAtExit);
    if (n) near += 1;
    add(byVillage, e.villageCode, n);
    if (e.actor) add(byActor, e.actor, n);
  }
  return { cityShare: exits.length > 0 ? near / exits.length : 0, byVillage, byActor };
}

/** Highest risk first; ties by household id, then exit date. */
export function byRisk(a: Pick<ExitRisk, 'score' | 'householdId' | 'exitDate'>, b: Pick<ExitRisk, 'score' | 'householdId' | 'exitDate'>): number {
  return b.score - a.score || (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : a.exitDate < b.exitDate ? -1 : a.exitDate > b.exitDate ? 1 : 0);
}

/** Every exit scored, highest risk first (byRisk). */
export function rankExits(exits: readonly ExitEvidence[]): ExitRisk[] {
  const context = bunchingOf(exits);
  return exits.map((e) => scoreExit(e, context)).sort(byRisk);
}
