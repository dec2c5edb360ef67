import { describe, expect, it } from 'vitest';
import { buildTour, tourSettings } from '../../client/wall/buildTour.ts';
import type { IndicatorValue, LaggingArea } from '../../client/api/types.ts';

const value = (lagShare: number, status: IndicatorValue['status']): IndicatorValue => ({ key: 'people_lifted', value: 80, target: 100, planned: 80 - lagShare * 100, lag: lagShare * 100, lagShare, status });
const town = (code: string, status: IndicatorValue['status'], villages: { code: string; status: IndicatorValue['status'] }[]): LaggingArea => ({
  code, name: `t${code}`, parent: code.slice(0, 6), value: value(-0.2, status), weekChange: { value: 0, lagShare: 0 },
  smallUnit: false, contributors: villages.map((v) => ({ code: v.code, name: `v${v.code}`, value: 5, target: 50, planned: 10, lag: -5, lagShare: -0.1, status: v.status, smallUnit: false })),
});

describe('buildTour', () => {
  const input = {
    city: { code: '5120', name: '资阳市', value: value(0, 'on_track') },
    counties: [
      { code: '512002', name: '雁江区', value: value(-0.01, 'on_track') },
      { code: '512021', name: '安岳县', value: value(-0.2, 'far_behind') },
    ],
    laggingTownships: new Map([
      ['512021', [town('512021101', 'far_behind', [{ code: '512021101001', status: 'far_behind' }]), town('512021102', 'behind', []), town('512021103', 'behind', [])]],
      ['512002', [town('512002001', 'on_track', [])]],
    ]),
    order: 'lag' as const,
  };

  it('goes city → worst county → its lagging townships → their worst village, then the next county', () => {
    expect(buildTour(input).map((s) => `${s.level}:${s.code}`)).toEqual([
      'city:5120', 'county:512021', 'township:512021101', 'village:512021101001', 'township:512021102', 'county:512002',
    ]);
  });

  it('keeps code order when asked, and skips townships on plan', () => {
    const steps = buildTour({ ...input, order: 'code', townshipsPerCounty: 1 });
    expect(steps.map((s) => s.code)).toEqual(['5120', '512002', '512021', '512021101', '512021101001']);
    expect(steps[4].parentName).toBe('t512021101');
  });

  it('reads the period and order from the URL, within limits', () => {
    expect(tourSettings('?period=20&order=code')).toEqual({ periodMs: 20000, order: 'code' });
    expect(tourSettings('?period=1')).toEqual({ periodMs: 12000, order: 'lag' });
    expect(tourSettings('')).toEqual({ periodMs: 12000, order: 'lag' });
  });
});
