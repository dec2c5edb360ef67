// The pure domain's own types: one definition of a band, a signal, a result and an estimate (type-only).
import type { RiskBand, RiskSignal } from '../../server/domain/exitRisk.ts';
import { EXIT_STANDARDS, type Estimate, type ExitStandard, type VisitResult } from '../../server/domain/verificationSample.ts';
import type { ExitRiskReport, RankedExit, SampleDetail, SampleHead, SampleUnitRow } from '../../server/domain/responses.ts';
export type { Estimate, RiskBand, RiskSignal, VisitResult };

/** The five standards an exit must meet, as the visit API names them. */
export const STANDARDS = EXIT_STANDARDS;
export type Standard = ExitStandard;

// The answers' shapes are the server's own (type-only), under the names this screen uses.
export type { RankedExit, SampleDetail, SampleHead };
export type ExitReport = ExitRiskReport;
export type SampleUnit = SampleUnitRow;

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
