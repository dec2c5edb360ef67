import type { IndicatorValue, LaggingArea } from '../api/types.ts';
import { isBehind } from '../../server/domain/progressStatus.ts';
import { rankFigures, type RankIndicator } from './wallFigures.ts';

export type TourLevel = 'city' | 'county' | 'township' | 'village';

/** One stop of the wall screen's tour: the area to fly to and the figures for its caption. */
export interface TourStep {
  code: string;
  name: string;
  level: TourLevel;
  /** The area's figure on the tour's indicator: value, target, plan and lag, and the status they give. */
  value: Pick<IndicatorValue, 'value' | 'target' | 'planned' | 'lag' | 'lagShare' | 'status'>;
  /** The county (or township) this stop belongs to, for the caption's path. */
  parentName: string | null;
}

export interface TourInput {
  city: { code: string; name: string; value: IndicatorValue };
  counties: { code: string; name: string; value: IndicatorValue }[];
  /** Per county: its townships ranked worst first, each with its worst villages (`contributors`). */
  laggingTownships: ReadonlyMap<string, LaggingArea[]>;
  /** 'lag': counties in ranking-rule order (furthest behind first); 'code': in code order. */
  order: 'lag' | 'code';
  /** The tour's indicator, for the ranking rule. */
  indicator: RankIndicator;
  /** How many lagging townships to visit in each county (default 2). */
  townshipsPerCounty?: number;
}


/**
 * The tour: the city, then each county, its most lagging townships and the worst village of each;
 * after the last stop it starts again at the city. Only areas actually behind plan are visited
 * below the county level, so a county on plan is shown and passed; small units are not visited
 * (they are listed apart, and a stop on 11 people would say the campaign is lost there).
 * Townships and villages come in the server's order, which is the ranking rule's.
 */
export function buildTour(input: TourInput): TourStep[] {
  const perCounty = input.townshipsPerCounty ?? 2;
  const counties = input.order === 'code'
    ? [...input.counties].sort((a, b) => (a.code < b.code ? -1 : 1))
    : rankFigures(input.counties, input.indicator);
  const steps: TourStep[] = [{ code: input.city.code, name: input.city.name, level: 'city', value: input.city.value, parentName: null }];
  for (const county of counties) {
    steps.push({ code: county.code, name: county.name, level: 'county', value: county.value, parentName: input.city.name });
    const townships = (input.laggingTownships.get(county.code) ?? []).filter((t) => !t.smallUnit && isBehind(t.value.status)).slice(0, perCounty);
    for (const town of townships) {
      steps.push({ code: town.code, name: town.name, level: 'township', value: town.value, parentName: county.name });
      const worst = town.contributors.find((v) => !v.smallUnit && isBehind(v.status));
      if (worst) {
        const { value, target, planned, lag, lagShare, status } = worst;
        steps.push({ code: worst.code, name: worst.name, level: 'village', value: { value, target, planned, lag, lagShare, status }, parentName: town.name });
      }
    }
  }
  return steps;
}

/** Reads the tour's settings from the wall's URL: `period` seconds per stop (4–120, default 12), `order`. */
export function tourSettings(search: string): { periodMs: number; order: 'lag' | 'code' } {
  const q = new URLSearchParams(search);
  const period = Number(q.get('period'));
  return {
    periodMs: Number.isFinite(period) && period >= 4 && period <= 120 ? period * 1000 : 12_000,
    order: q.get('order') === 'code' ? 'code' : 'lag',
  };
}
