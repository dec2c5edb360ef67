import { describe, expect, it } from 'vitest';
import { columnScale, progressColumns } from '../../client/map/deck/progressColumns/progressColumns.ts';
import type { IndicatorValue } from '../../client/api/types.ts';

const figure = (value: number | null, target: number | null): IndicatorValue => ({ value, target } as IndicatorValue);

describe('progress columns', () => {
  const points = new Map<string, [number, number]>([['512002', [104.6, 30.1]], ['512021', [105.3, 29.9]], ['512022', [105.0, 30.3]]]);
  const colors = new Map([['512002', '#aaa'], ['512021', '#bbb'], ['512022', '#ccc'], ['512099', '#ddd']]);

  it('stands a column on each area with a point, a value and a target: its share of target, capped at the whole, in its colour', () => {
    const columns = progressColumns([
      { code: '512002', indicators: { people_lifted: figure(50, 100) } },
      { code: '512021', indicators: { people_lifted: figure(130, 100) } },
      { code: '512022', indicators: { people_lifted: figure(null, 100) } },
      { code: '512099', indicators: { people_lifted: figure(10, 20) } },
    ], 'people_lifted', colors, points);
    expect(columns).toEqual([
      { code: '512002', position: [104.6, 30.1], share: 0.5, color: '#aaa' },
      { code: '512021', position: [105.3, 29.9], share: 1, color: '#bbb' },
    ]);
  });

  it('leaves out an area with no target to measure against', () => {
    expect(progressColumns([{ code: '512002', indicators: { people_lifted: figure(5, 0) } }], 'people_lifted', colors, points)).toEqual([]);
    expect(progressColumns([{ code: '512002', indicators: {} }], 'people_lifted', colors, points)).toEqual([]);
  });

  it('scales columns to the stop: a township\'s a tenth of a city\'s', () => {
    const city = columnScale([104.3, 29.6, 105.8, 30.6]);
    const township = columnScale([105.0, 30.0, 105.15, 30.1]);
    expect(city.elevation / township.elevation).toBeCloseTo(10, 0);
    expect(city.radius).toBeLessThan(city.elevation / 10);
  });
});
