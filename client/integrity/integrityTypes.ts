// The pure domain's own types: one definition of a band, a signal, a result and an estimate (type-only).
import type { RiskBand, RiskSignal } from '../../server/domain/exitRisk.ts';
import type { Estimate, VisitResult } from '../../server/domain/verificationSample.ts';
export type { Estimate, RiskBand, RiskSignal, VisitResult };

/** The five standards an exit must meet (收入 and 两不愁三保障), as the visit API names them. */
export const STANDARDS = ['income', 'food_clothing', 'education', 'medical', 'housing'] as const;
export type Standard = (typeof STANDARDS)[number];

/** One exit of `GET /api/integrity/exits`. */
export interface RankedExit {
  householdId: string;
  villageCode: string;
  exitDate: string;
  enteredAt: string | null;
  actor: string | null;
  incomeBefore: number | null;
  incomeAtExit: number;
  score: number;
  band: RiskBand;
  signals: string[];
}

/** Body of `GET /api/integrity/exits`. */
export interface ExitReport {
  area: string;
  asOf: string;
  exits: number;
  bands: Record<RiskBand, number>;
  ranked: RankedExit[];
}

/** One household of a sample: where, why it was drawn, and its visit so far. */
export interface SampleUnit {
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

/** A sample's head, as `GET /api/integrity/samples` lists it. */
export interface SampleHead {
  id: number;
  areaCode: string;
  asOf: string;
  seed: number;
  margin: number;
  population: number;
  size: number;
  bands: { band: RiskBand; population: number; size: number }[];
  createdBy: string;
  createdAt: string;
  estimate: Estimate;
}

/** Body of `GET /api/integrity/samples/{id}` (and of a draw or a recorded visit). */
export interface SampleDetail extends SampleHead {
  townships: { code: string; name: string; sampled: number; visited: number; wrong: number; rate: number | null }[];
  units: SampleUnit[];
}

/** Body of `PUT /api/integrity/samples/{id}/units/{householdId}`. */
export interface VisitInput {
  version: number;
  result: VisitResult;
  failed?: Standard[];
  visitedBy: string;
  visitedOn: string;
  note?: string;
  reopen?: { status: 'poor' | 'at_risk'; reason: string };
}
