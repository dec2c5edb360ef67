import type { AreaLevel } from './areaCodes.ts';
/**
 * The shapes of the answers that the progress, review and park routes send, as plain types: the
 * services build them and the client reads them (type-only), without the client importing a service.
 */
import type { PhaseInfo } from './campaignCalendar.ts';
import type { IndicatorValue } from './evaluateIndicator.ts';
import type { HOUSEHOLD_CHANGE_KEYS, PeriodChange } from './periodChange.ts';
import type { Contributor } from './ranking.ts';
import type { EXIT_RISK, ExitEvidence, ExitRisk, RiskBand, SIGNAL_POINTS } from './exitRisk.ts';
import type { Estimate, Sample, VisitResult } from './verificationSample.ts';

export interface Summary {
  asOf: string;
  weekAgo: string;
  phase: PhaseInfo;
  /** The root area (ROOT_AREA): a city, or a province. */
  city: { code: string; name: string; nameEn?: string; level: AreaLevel };
  /** The level of `counties`: the root's children (counties of a city, cities of a province). */
  childLevel: AreaLevel;
  headline: Record<string, IndicatorValue & { weekChange: number | null }>;
  householdsRemaining: { value: number; weekChange: number };
  counties: { code: string; name: string; nameEn?: string; people_lifted: IndicatorValue }[];
}

export interface LaggingArea {
  code: string;
  name: string;
  /** The English name (pinyin), added by the route. */
  nameEn?: string;
  parent: string | null;
  value: IndicatorValue;
  /** Change since a week earlier: value and lagShare. */
  weekChange: { value: number | null; lagShare: number | null };
  /** Below the small-unit floor: ranked after the others. */
  smallUnit: boolean;
  /** The children that lag most, with their lag. */
  contributors: Contributor[];
}

export interface AreaContents {
  code: string;
  asOf: string;
  villages: number;
  povertyVillages: { total: number; exited: number };
  /** `exited` includes the `atRisk` households (exited, at risk of returning). Null when suppressed. */
  households: { total: number; poor: number; exited: number; atRisk: number; scattered: number; people: number } | null;
  suppressed: boolean;
  parks: number;
  projects: { total: number; completed: number };
}

export interface ReviewArea {
  code: string;
  name: string;
  /** The English name (pinyin), added by the route. */
  nameEn?: string;
  parent: string | null;
  value: IndicatorValue;
  /** Change since the previous week: the value and the lag share. */
  change: { value: number | null; lagShare: number | null };
  /** Weeks in a row behind plan, this week included (0: on plan now). */
  weeksBehind: number;
  /** Below the small-unit floor: ranked after the others. */
  smallUnit: boolean;
  /** Its parts furthest behind plan (up to 3), for areas behind: why it lags. Empty at village level. */
  worstParts: (Contributor & { shortName: string })[];
  /** The value a meeting was first shown for this week (added by the route). */
  shown?: { value: number | null; at: string } | null;
  /** The figure differs from the one first shown: an edit was dated back into this week. */
  changedSinceShown?: boolean;
}

/** Household figures may be hidden (null) from the public in small areas. */
export type ChangeFigures = { [K in keyof PeriodChange]: K extends (typeof HOUSEHOLD_CHANGE_KEYS)[number] ? number | null : PeriodChange[K] };

export interface ChangeArea {
  code: string;
  name: string;
  /** The English name (pinyin), added by the route. */
  nameEn?: string;
  parent: string | null;
  change: ChangeFigures;
  /** Counties, signed in: the newest 回头看 sample's estimated wrong-exit rate (null: none drawn). */
  wrongExit?: { sampleId: number; asOf: string; rate: number | null; low: number | null; high: number | null; visited: number } | null;
}

export interface SelectionMeasures {
  villages: string[];
  /** The contiguous pieces by the adjacency rule; one piece: the selection is contiguous. */
  pieces: string[][];
  contiguous: boolean;
  /** Polygons in the union of the villages (PostGIS): agrees with `pieces.length`. */
  unionParts: number;
  outline: unknown;
  areaHa: number;
  areaMu: number;
  povertyVillages: number;
  povertyHouseholds: number;
  scatteredHouseholds: number;
  people: number;
  projects: number;
  parks: number;
  /** From the centre of the selection to the nearest road or other project line, in metres. */
  nearestLineM: number | null;
}

/** One exit of `GET /api/integrity/exits`: its evidence and its risk. */
export type RankedExit = Pick<ExitEvidence, 'householdId' | 'villageCode' | 'exitDate' | 'enteredAt' | 'actor' | 'incomeBefore' | 'incomeAtExit'>
  & Pick<ExitRisk, 'score' | 'band' | 'signals'>;

/** A listed exit with its village's short name (a province's village names are not on the client). */
export type ListedExit = RankedExit & { villageName: string; villageNameEn: string };

/** `GET /api/integrity/exits`. */
export interface ExitRiskReport {
  area: string;
  asOf: string;
  exits: number;
  bands: Record<RiskBand, number>;
  /** The thresholds and points the score uses, so a reader can check a score by hand. */
  rules: { thresholds: typeof EXIT_RISK; points: typeof SIGNAL_POINTS };
  ranked: ListedExit[];
}

/** One household of a 回头看 sample: where, why it was drawn, and its visit so far. */
export interface SampleUnitRow {
  householdId: string;
  villageCode: string;
  villageName: string;
  township: string;
  townshipName: string;
  exitDate: string;
  band: RiskBand;
  probability: number;
  signals: string[];
  headName: string | null;
  /** Null unless the reader's role may read household records. */
  phone: string | null;
  result: VisitResult | null;
  failed: string[];
  visitedBy: string | null;
  visitedOn: string | null;
  note: string;
  version: number;
}

export interface TownshipEstimate {
  code: string;
  name: string;
  sampled: number;
  visited: number;
  wrong: number;
  /** The weighted wrong-exit share among the township's visited exits; null before a visit. */
  rate: number | null;
}

/** A sample's head, as `GET /api/integrity/samples` lists it. */
export interface SampleHead {
  id: number;
  areaCode: string;
  asOf: string;
  seed: number;
  margin: number;
  population: number;
  size: number;
  bands: Sample['bands'];
  createdBy: string;
  createdAt: string;
  estimate: Estimate;
}

/** `GET /api/integrity/samples/{id}`, a draw or a recorded visit: the head, the townships and the households. */
export interface SampleDetail extends SampleHead {
  townships: TownshipEstimate[];
  units: SampleUnitRow[];
}
