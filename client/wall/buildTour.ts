import type { IndicatorValue, LaggingArea } from '../api/types.ts';
import { isBehind } from '../../server/domain/progressStatus.ts';
import { rankFigures, type RankIndicator } from './wallFigures.ts';
import { levelOfCode, type AreaLevel } from '../../server/domain/areaCodes.ts';

/** One stop of the wall screen's tour: the area to fly to and the figures for its caption. */
export interface TourStep {
  code: string;
  name: string;
  level: AreaLevel;
  /** The area's figure on the tour's indicator: value, target, plan and lag, and the status they give. */
  value: Pick<IndicatorValue, 'value' | 'target' | 'planned' | 'lag' | 'lagShare' | 'status'>;
  /** The area this stop belongs to (the root, a county, a township…), for the caption's path. */
  parentName: string | null;
}

export interface TourInput {
  /** The area the wall shows: a city (its counties, townships, villages) or a province (its cities, counties, townships). */
  root: { code: string; name: string; value: IndicatorValue };
  /** The root's children: a city's counties, a province's cities. */
  children: { code: string; name: string; value: IndicatorValue }[];
  /** Per child: its own children ranked worst first, each with its worst children (`contributors`). */
  laggingBelow: ReadonlyMap<string, LaggingArea[]>;
  /** 'lag': children in ranking-rule order (furthest behind first); 'code': in code order. */
  order: 'lag' | 'code';
  /** The tour's indicator, for the ranking rule. */
  indicator: RankIndicator;
  /** How many lagging areas to visit in each child (default 2). */
  perChild?: number;
}

const levelOf = (code: string): AreaLevel => levelOfCode(code) ?? 'village';


/**
 * The tour: the root, then each of its children, the child's most lagging areas and the worst of
 * each (a city: county, townships, a village each; a province: city, counties, a township each);
 * after the last stop it starts again at the root. Only areas actually behind plan are visited
 * below the root's children, so a child on plan is shown and passed; small units are not visited
 * (they are listed apart, and a stop on 11 people would say the campaign is lost there).
 * The lagging areas and their worst come in the server's order, which is the ranking rule's.
 */
export function buildTour(input: TourInput): TourStep[] {
  const perChild = input.perChild ?? 2;
  const children = input.order === 'code'
    ? [...input.children].sort((a, b) => (a.code < b.code ? -1 : 1))
    : rankFigures(input.children, input.indicator);
  const { root } = input;
  const steps: TourStep[] = [{ code: root.code, name: root.name, level: levelOf(root.code), value: root.value, parentName: null }];
  for (const child of children) {
    steps.push({ code: child.code, name: child.name, level: levelOf(child.code), value: child.value, parentName: root.name });
    const lagging = (input.laggingBelow.get(child.code) ?? []).filter((t) => !t.smallUnit && isBehind(t.value.status)).slice(0, perChild);
    for (const area of lagging) {
      steps.push({ code: area.code, name: area.name, level: levelOf(area.code), value: area.value, parentName: child.name });
      const worst = area.contributors.find((v) => !v.smallUnit && isBehind(v.status));
      if (worst) {
        const { value, target, planned, lag, lagShare, status } = worst;
        steps.push({ code: worst.code, name: worst.name, level: levelOf(worst.code), value: { value, target, planned, lag, lagShare, status }, parentName: area.name });
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
