// The planner's API bodies: the server's own types where they exist.
export type { SelectionMeasures } from '../api/types.ts';

export interface SuggestedCluster {
  rank: number;
  villages: string[];
  score: number;
  areaHa: number;
  areaMu: number;
  povertyHouseholds: number;
  scatteredHouseholds: number;
  reason: string;
}

export interface SuggestResponse {
  scope: string;
  timedOut: boolean;
  elapsedMs: number;
  clusters: SuggestedCluster[];
}

export interface Proposal {
  id: number;
  name: string;
  industries: string[];
  notes: string;
  status: 'proposal' | 'approved';
  villages: string[];
  createdBy: string;
  version: number;
  measures: import('../api/types.ts').SelectionMeasures;
}
