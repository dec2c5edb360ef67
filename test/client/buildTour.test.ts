import { describe, expect, it } from 'vitest';
import { buildTour, tourSettings } from '../../client/wall/buildTour.ts';
import type { IndicatorValue, LaggingArea } from '../../client/api/types.ts';

const PEOPLE = { key: 'people_lifted', higherIsBetter: true, unit: 'people', projects: false } as const;

/** A figure of `target` people with the given lag share (value on plan minus the lag). */
const value = (lagShare: number, status: IndicatorValue['status'], target = 100): IndicatorValue => ({
  key: 'people_lifted', value: 80 * target / 100, target, planned: 80 * target / 100 - lagShare * target, lag: lagShare * target, lagShare, status,
});
const village = (code: string, status: IndicatorValue['status'], smallUnit = false) => ({ code, name: `v${code}`, value: 12, target: 40, planned: 20, lag: -8, lagShare: -0.2, status, smallUnit });
const town = (code: string, status: IndicatorValue['status'], villages: ReturnType<typeof village>[], smallUnit = false): LaggingArea => ({
  code, name: `t${code}`, parent: code.slice(0, 6), value: value(-0.2, status), weekChange: { value: 0, lagShare: 0 }, smallUnit, contributors: villages,
});

describe('buildTour', () => {
  const input = {
    root: { code: '5120', name: '资阳市', value: value(0, 'on_track') },
    children: [
      { code: '512002', name: '雁江区', value: value(-0.01, 'on_track') },
      { code: '512021', name: '安岳县', value: value(-0.2, 'far_behind') },
    ],
    laggingBelow: new Map([
      ['512021', [town('512021101', 'far_behind', [village('512021101001', 'far_behind')]), town('512021102', 'behind', []), town('512021103', 'behind', [])]],
      ['512002', [town('512002001', 'on_track', [])]],
    ]),
    order: 'lag' as const,
    indicator: PEOPLE,
  };

  it('goes city → worst county → its lagging townships → their worst village, then the next county', () => {
    expect(buildTour(input).map((s) => `${s.level}:${s.code}`)).toEqual([
      'city:5120', 'county:512021', 'township:512021101', 'village:512021101001', 'township:512021102', 'county:512002',
    ]);
  });

  it('orders counties by the ranking rule: lag in people first, not share', () => {
    // 乐至县 is 1 % behind on 10,000 people (−100), 雁江区 4 % behind on 1,000 (−40): 乐至县 comes first.
    const counties = [
      { code: '512002', name: '雁江区', value: value(-0.04, 'on_track', 1000) },
      { code: '512022', name: '乐至县', value: value(-0.01, 'on_track', 10000) },
      { code: '512021', name: '安岳县', value: value(0.02, 'on_track', 5000) },
    ];
    const steps = buildTour({ ...input, children: counties, laggingBelow: new Map() });
    expect(steps.map((s) => s.code)).toEqual(['5120', '512022', '512002', '512021']);
  });

  it('gives a village stop its value, target and lag, with the status of that same figure', () => {
    const step = buildTour(input).find((s) => s.level === 'village')!;
    expect(step.value).toEqual({ value: 12, target: 40, planned: 20, lag: -8, lagShare: -0.2, status: 'far_behind' });
    expect(step.parentName).toBe('t512021101');
  });

  it('does not stop at small units', () => {
    const laggingTownships = new Map([
      ['512021', [town('512021101', 'far_behind', [village('512021101001', 'far_behind', true), village('512021101002', 'behind')]), town('512021199', 'far_behind', [], true)]],
    ]);
    const steps = buildTour({ ...input, laggingBelow: laggingTownships });
    expect(steps.map((s) => s.code)).toEqual(['5120', '512021', '512021101', '512021101002', '512002']);
  });

  it('keeps code order when asked, and skips townships on plan', () => {
    const steps = buildTour({ ...input, order: 'code', perChild: 1 });
    expect(steps.map((s) => s.code)).toEqual(['5120', '512002', '512021', '512021101', '512021101001']);
    expect(steps[4].parentName).toBe('t512021101');
  });

  it('under a province goes province → worst city → its lagging counties → their worst township', () => {
    const county = (code: string, status: IndicatorValue['status'], towns: ReturnType<typeof village>[]): LaggingArea => ({
      code, name: `c${code}`, parent: code.slice(0, 4), value: value(-0.2, status), weekChange: { value: 0, lagShare: 0 }, smallUnit: false, contributors: towns,
    });
    const steps = buildTour({
      root: { code: '51', name: '四川省', value: value(0, 'on_track') },
      children: [{ code: '5101', name: '成都市', value: value(0.01, 'on_track') }, { code: '5120', name: '资阳市', value: value(-0.2, 'far_behind') }],
      laggingBelow: new Map([['5120', [county('512021', 'far_behind', [village('512021101', 'behind')])]]]),
      order: 'lag', indicator: PEOPLE,
    });
    expect(steps.map((s) => `${s.level}:${s.code}:${s.parentName}`)).toEqual([
      'province:51:null', 'city:5120:四川省', 'county:512021:资阳市', 'township:512021101:c512021', 'city:5101:四川省',
    ]);
  });

  it('reads the period and order from the URL, within limits', () => {
    expect(tourSettings('?period=20&order=code')).toEqual({ periodMs: 20000, order: 'code' });
    expect(tourSettings('?period=1')).toEqual({ periodMs: 12000, order: 'lag' });
    expect(tourSettings('')).toEqual({ periodMs: 12000, order: 'lag' });
  });
});
