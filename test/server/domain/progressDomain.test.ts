import { describe, expect, it } from 'vitest';
import { phaseOf, seriesDates } from '../../../server/domain/campaignCalendar.ts';
import { plannedShare, CURVES } from '../../../server/domain/plannedCurve.ts';
import { statusOf, STATUS_THRESHOLDS } from '../../../server/domain/progressStatus.ts';
import { splitTarget } from '../../../server/domain/splitTarget.ts';
import { evaluateIndicator } from '../../../server/domain/evaluateIndicator.ts';
import { indicatorByKey, TOTAL_KEYS, type AreaTotals } from '../../../server/domain/indicators.ts';

const totals = (over: Partial<AreaTotals> = {}): AreaTotals => ({ ...Object.fromEntries(TOTAL_KEYS.map((k) => [k, 0])), ...over }) as AreaTotals;

describe('campaign calendar', () => {
  it('knows the four phases and the days left', () => {
    expect(phaseOf('2018-01-01')).toMatchObject({ key: 'spring', nameZh: '春季攻势', end: '2018-03-31', daysLeftInPhase: 89, daysLeftInYear: 364 });
    expect(phaseOf('2018-06-30')).toMatchObject({ key: 'summer', nameZh: '夏季战役', daysLeftInPhase: 0 });
    expect(phaseOf('2018-07-01').nameZh).toBe('秋季攻坚');
    expect(phaseOf('2018-11-30')).toMatchObject({ key: 'winter', nameZh: '冬季冲刺', daysLeftInPhase: 31, daysLeftInYear: 31 });
  });

  it('makes weekly and monthly series that end on the last date', () => {
    expect(seriesDates('2018-01-01', '2018-01-20', 'week')).toEqual(['2018-01-01', '2018-01-08', '2018-01-15', '2018-01-20']);
    expect(seriesDates('2018-01-01', '2018-04-15', 'month')).toEqual(['2018-01-31', '2018-02-28', '2018-03-31', '2018-04-15']);
  });
});

describe('planned curve', () => {
  it('runs from 0 to the whole target, through the quarter points', () => {
    for (const curve of Object.keys(CURVES) as (keyof typeof CURVES)[]) {
      expect(plannedShare(curve, '2018-12-31')).toBeCloseTo(1, 10);
      expect(plannedShare(curve, '2018-03-31')).toBeCloseTo(CURVES[curve][0], 10);
      expect(plannedShare(curve, '2018-06-30')).toBeCloseTo(CURVES[curve][1], 10);
      expect(plannedShare(curve, '2018-01-01')).toBeLessThan(0.01);
      expect(plannedShare(curve, '2019-06-30')).toBeCloseTo(CURVES[curve][1], 10);
    }
    expect(plannedShare('exits', '2018-05-15')).toBeGreaterThan(plannedShare('exits', '2018-05-14'));
  });
});

describe('status thresholds', () => {
  it('flags behind and far behind in one place', () => {
    expect(statusOf(0.1)).toBe('on_track');
    expect(statusOf(STATUS_THRESHOLDS.behind)).toBe('on_track');
    expect(statusOf(-0.06)).toBe('behind');
    expect(statusOf(STATUS_THRESHOLDS.farBehind - 0.001)).toBe('far_behind');
    expect(statusOf(null)).toBeNull();
  });
});

describe('target split', () => {
  it('adds up exactly, in proportion', () => {
    const parts = splitTarget(1160, [3, 1, 1, 5, 0]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(1160);
    expect(parts).toEqual([348, 116, 116, 580, 0]);
    expect(splitTarget(10, [0, 0])).toEqual([0, 0]);
  });
});

describe('evaluating an indicator', () => {
  it('compares a count with its target and plan', () => {
    const v = evaluateIndicator(indicatorByKey('people_lifted')!, totals({ liftedPeople: 200, people: 1000 }), totals(), null, '2018-06-30');
    expect(v.target).toBe(1000);
    expect(v.planned).toBeCloseTo(300, 0);
    expect(v.lag).toBeCloseTo(-100, 0);
    expect(v.lagShare).toBeCloseTo(-0.1, 2);
    expect(v.status).toBe('behind');
    expect(evaluateIndicator(indicatorByKey('people_lifted')!, totals({ liftedPeople: 200, people: 1000 }), totals(), 400, '2018-06-30').target).toBe(400);
  });

  it('plans a share from where the area started to its target, and counts the failing', () => {
    const medical = indicatorByKey('medical')!;
    const v = evaluateIndicator(medical, totals({ medical: 90, households: 100 }), totals({ medical: 80, households: 100 }), null, '2018-12-31');
    expect(v).toMatchObject({ value: 0.9, target: 1, planned: 1, lag: -0.1, status: 'behind', numerator: 90, denominator: 100, failing: 10 });
    const funds = evaluateIndicator(indicatorByKey('funds_disbursed')!, totals({ disbursed: 95, budget: 100 }), totals(), null, '2018-12-31');
    expect(funds).toMatchObject({ value: 0.95, target: 0.95, planned: 0.95, status: 'on_track' });
    expect(funds.failing).toBeUndefined();
  });

  it('has no lag or status without a plan, and no value where none is recorded', () => {
    expect(evaluateIndicator(indicatorByKey('at_risk')!, totals({ atRiskHouseholds: 3 }), totals(), null, '2018-06-30')).toMatchObject({ value: 3, lag: null, status: null });
    expect(evaluateIndicator(indicatorByKey('training')!, totals({ trainingPersonTimes: null }), totals(), 50, '2018-06-30')).toMatchObject({ value: null, status: null });
  });
});
