import type { CurveKey } from './plannedCurve.ts';
import { LEVELS, type AreaLevel } from './areaCodes.ts';
import { HOUSEHOLD_TOTALS, type HouseholdTotalKey } from './totalsColumns.ts';

/** The plan's income line: 2018 household per-capita net income above 3,600 yuan a year. */
export const INCOME_LINE_YUAN = 3600;

/** Additive raw totals of one area as of one date; every indicator is computed from these. */
export type AreaTotals = Record<HouseholdTotalKey, number> & {
  povertyVillages: number;
  povertyVillagesExited: number;
  projects: number;
  projectsDue: number;
  projectsCompleted: number;
  budget: number;
  disbursed: number;
  /** Null below the level where it is recorded (townships). */
  trainingPersonTimes: number | null;
  /** Null below the level where it is recorded (counties). */
  jobFairs: number | null;
};

export const TOTAL_KEYS: readonly (keyof AreaTotals)[] = [
  ...HOUSEHOLD_TOTALS.map((c) => c.key), 'povertyVillages', 'povertyVillagesExited',
  'projects', 'projectsDue', 'projectsCompleted', 'budget', 'disbursed', 'trainingPersonTimes', 'jobFairs',
];

interface Common {
  key: string;
  nameZh: string;
  nameEn: string;
  higherIsBetter: boolean;
  /** How it is computed, for the API's catalogue. */
  computed: string;
  /** Planned curve over the year; null: no plan (then no lag and no status). */
  curve: CurveKey | null;
  /** Whether the indicator concerns projects, so that a specialty filter applies to it. */
  projects?: boolean;
  /** Coarsest level below which the figure is not recorded. */
  recordedAt?: AreaLevel;
}

export interface CountIndicator extends Common {
  kind: 'count';
  unit: 'people' | 'households' | 'villages' | 'projects' | 'person_times' | 'events';
  value(t: AreaTotals): number | null;
  /** The target when none is stored for the area (villages, imported data): from the records. */
  defaultTarget(t: AreaTotals): number | null;
}

export interface ShareIndicator extends Common {
  kind: 'share';
  unit: 'share';
  numerator(t: AreaTotals): number;
  denominator(t: AreaTotals): number;
  target: number;
}

export type Indicator = CountIndicator | ShareIndicator;

const share = (key: string, nameZh: string, nameEn: string, computed: string, numerator: (t: AreaTotals) => number,
  denominator: (t: AreaTotals) => number = (t) => t.households, extra: Partial<ShareIndicator> = {}): ShareIndicator => ({
  key, nameZh, nameEn, computed, numerator, denominator, kind: 'share', unit: 'share', target: 1, higherIsBetter: true, curve: 'exits', ...extra,
});

/** The campaign's indicators, from the 2018 plan; the one catalogue every route and screen uses. */
export const INDICATORS: readonly Indicator[] = [
  {
    key: 'people_lifted', kind: 'count', unit: 'people', nameZh: '脱贫人口', nameEn: 'People lifted out of poverty', higherIsBetter: true, curve: 'exits',
    computed: 'people in households whose status is exited or at risk (exited, under 回头看 watch); target: the people registered for the year (44,000 city-wide)',
    value: (t) => t.liftedPeople, defaultTarget: (t) => t.people,
  },
  {
    key: 'households_exited', kind: 'count', unit: 'households', nameZh: '脱贫户数', nameEn: 'Households exited', higherIsBetter: true, curve: 'exits',
    computed: 'households whose status is exited or at risk; target: the households registered for the year',
    value: (t) => t.exitedHouseholds, defaultTarget: (t) => t.households,
  },
  {
    key: 'poverty_villages_exited', kind: 'count', unit: 'villages', nameZh: '贫困村退出', nameEn: 'Poverty villages exited', higherIsBetter: true, curve: 'exits',
    computed: 'poverty villages with an exit date on or before the date; target: the poverty villages due to exit (81)',
    value: (t) => t.povertyVillagesExited, defaultTarget: (t) => t.povertyVillages,
  },
  share('income_above_line', '人均纯收入达标率', 'Households above the income line', `share of households with per-capita net income above ${INCOME_LINE_YUAN} yuan a year`, (t) => t.incomeAboveLine),
  share('food_clothing', '不愁吃穿', 'Food and clothing assured', 'share of households assured of food and clothing', (t) => t.foodClothing),
  share('education', '义务教育有保障', 'Compulsory education assured', 'share of households whose children are in compulsory education', (t) => t.education),
  share('medical', '基本医疗有保障', 'Basic medical care assured', 'share of households with basic medical care assured', (t) => t.medical),
  share('housing', '住房安全有保障', 'Safe housing assured', 'share of households in safe housing', (t) => t.housing),
  share('medical_insurance', '基本医疗保险参保率', 'Medical insurance enrolment', 'share of households enrolled in basic medical insurance (target 100%)', (t) => t.insured),
  share('employment', '有劳动力户就业率', 'Labour households with a member employed', 'share of households with labour capacity that have at least one member employed', (t) => t.employedHouseholds, (t) => t.labourHouseholds),
  {
    key: 'relocation', kind: 'count', unit: 'people', nameZh: '易地扶贫搬迁', nameEn: 'People relocated', higherIsBetter: true, curve: 'works',
    computed: 'people in households relocated (易地扶贫搬迁) by the date; target: the people to relocate (1,005 city-wide)',
    value: (t) => t.relocatedPeople, defaultTarget: (t) => t.relocationPeople,
  },
  {
    key: 'renovation', kind: 'count', unit: 'households', nameZh: '危房改造', nameEn: 'Dilapidated houses renovated', higherIsBetter: true, curve: 'works',
    computed: 'households whose dilapidated house is renovated by the date; target: the households to renovate (3,228 city-wide)',
    value: (t) => t.renovatedHouseholds, defaultTarget: (t) => t.renovationHouseholds,
  },
  {
    key: 'training', kind: 'count', unit: 'person_times', nameZh: '技能培训', nameEn: 'Skills training', higherIsBetter: true, curve: 'training', recordedAt: 'township',
    computed: 'person-times of practical skills training held by the date (recorded by township); target ≥ 1,160 a year city-wide',
    value: (t) => t.trainingPersonTimes, defaultTarget: () => null,
  },
  {
    key: 'job_fairs', kind: 'count', unit: 'events', nameZh: '专场招聘会', nameEn: 'Job fairs', higherIsBetter: true, curve: 'training', recordedAt: 'county',
    computed: 'job fairs for the poor held by the date (recorded by county); target ≥ 2 a year city-wide',
    value: (t) => t.jobFairs, defaultTarget: () => null,
  },
  share('funds_disbursed', '资金支出进度', 'Project funds disbursed', 'funds disbursed as a share of the budget of the projects under way by the date (target ≥ 95% by year end)',
    (t) => t.disbursed, (t) => t.budget, { target: 0.95, curve: 'spending', projects: true }),
  {
    key: 'projects_completed', kind: 'count', unit: 'projects', nameZh: '项目完工', nameEn: 'Projects completed', higherIsBetter: true, curve: 'works', projects: true,
    computed: 'projects completed by the date; target: the projects planned to finish within the year',
    value: (t) => t.projectsCompleted, defaultTarget: (t) => t.projectsDue,
  },
  {
    key: 'at_risk', kind: 'count', unit: 'households', nameZh: '返贫风险户', nameEn: 'Households at risk of returning to poverty', higherIsBetter: false, curve: null,
    computed: 'exited households flagged at risk of returning to poverty (回头看) as of the date; no plan: fewer is better',
    value: (t) => t.atRiskHouseholds, defaultTarget: () => null,
  },
];

export const INDICATOR_KEYS = INDICATORS.map((i) => i.key);

export function indicatorByKey(key: string): Indicator | undefined {
  return INDICATORS.find((i) => i.key === key);
}

/** Targets kept per area and year (the city's split down to counties and townships). */
export const STORED_TARGET_KEYS = ['people_lifted', 'households_exited', 'poverty_villages_exited', 'relocation', 'renovation', 'training', 'job_fairs', 'projects_completed'] as const;

/** Applies to an area of this level: figures recorded at townships do not exist for villages. */
export function appliesAt(indicator: Indicator, level: AreaLevel): boolean {
  if (!indicator.recordedAt) return true;
  return LEVELS.indexOf(level) <= LEVELS.indexOf(indicator.recordedAt);
}

/** Indicators computed from household records: hidden for areas with too few households (privacy). */
export const HOUSEHOLD_BASED = new Set(INDICATORS.filter((i) => !i.projects && !i.recordedAt && i.key !== 'poverty_villages_exited').map((i) => i.key));

/**
 * The raw totals the indicators read, found by calling their functions on recording objects (with
 * several values, so that no branch hides a read): a query fetches only those.
 */
export function totalsUsed(indicators: readonly Indicator[]): Set<keyof AreaTotals> {
  const used = new Set<keyof AreaTotals>();
  for (const value of [0, 1, null, 1e9]) {
    const probe = new Proxy({} as AreaTotals, { get: (_, key) => { used.add(key as keyof AreaTotals); return value; } });
    for (const ind of indicators) {
      if (ind.kind === 'count') {
        ind.value(probe);
        ind.defaultTarget(probe);
      } else {
        ind.numerator(probe);
        ind.denominator(probe);
      }
    }
  }
  return used;
}
