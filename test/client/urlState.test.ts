import { describe, expect, it } from 'vitest';
import { addDays, campaignOf, formatUrlState, parseUrlState } from '../../client/state/urlState.ts';

// The campaign comes from the data's own date; the shipped data runs to 2018-11-30.
const campaign = campaignOf('2018-11-30');
import { choroplethScope, codePath } from '../../client/state/areaCodes.ts';

describe('urlState', () => {
  it('round-trips the shareable state and keeps lang', () => {
    const search = '?lang=en&i=people_lifted&m=lag&d=2018-06-30&a=512021&c=105.4,29.9&z=9.5&s=15';
    const state = parseUrlState(search);
    expect(state).toEqual({ indicator: 'people_lifted', mode: 'lag', method: 'fixed', date: '2018-06-30', area: '512021', center: [105.4, 29.9], zoom: 9.5, specialty: 15 });
    const again = parseUrlState(formatUrlState(state, '?lang=en'));
    expect(again).toEqual(state);
    expect(formatUrlState(state, '?lang=en')).toContain('lang=en');
  });

  it('keeps the value classification as k, leaving out the default fixed steps', () => {
    for (const method of ['quantile', 'equal'] as const) {
      const state = parseUrlState(`?k=${method}`);
      expect(state.method).toBe(method);
      expect(formatUrlState(state, '')).toBe(`?k=${method}`);
    }
    expect(parseUrlState('?k=jenks').method).toBe('fixed');
    expect(formatUrlState(parseUrlState('?k=fixed'), '?k=fixed')).toBe('');
  });

  it('drops malformed values', () => {
    expect(parseUrlState('?i=<x>&m=x&d=2019-01-01&a=12&c=1000,2&z=3&s=23', campaign)).toEqual({
      indicator: null, mode: 'value', method: 'fixed', date: null, area: null, center: null, zoom: null, specialty: null,
    });
  });

  it('takes the campaign year from the data', () => {
    expect(campaignOf('2018-11-30')).toEqual({ start: '2018-01-01', end: '2018-12-31', asOf: '2018-11-30' });
    expect(campaignOf('2021-03-05')).toEqual({ start: '2021-01-01', end: '2021-12-31', asOf: '2021-03-05' });
    expect(campaignOf(null, '2024-06-01')).toEqual({ start: '2024-01-01', end: '2024-12-31', asOf: '2024-06-01' });
    // Before the campaign is known a well-formed date is kept; once known, only one inside it.
    expect(parseUrlState('?d=2019-01-01').date).toBe('2019-01-01');
    expect(parseUrlState('?d=2018-06-30', campaign).date).toBe('2018-06-30');
  });

  it('steps dates within 2018', () => {
    expect(addDays('2018-12-28', 7, campaign)).toBe('2018-12-31');
    expect(addDays('2018-02-25', 7, campaign)).toBe('2018-03-04');
  });

  it('derives the drill-down scope from the selected code', () => {
    const city = { code: '5120', level: 'city' } as const;
    expect(choroplethScope(null, city)).toEqual({ level: 'county', parent: null });
    expect(choroplethScope('512021', city)).toEqual({ level: 'township', parent: '512021' });
    expect(choroplethScope('512021101', city)).toEqual({ level: 'village', parent: '512021101' });
    expect(choroplethScope('512021101002', city)).toEqual({ level: 'village', parent: '512021101' });
    expect(codePath('512021101002', city)).toEqual(['512021', '512021101', '512021101002']);
  });

  it('drills from a province root through its cities', () => {
    const province = { code: '51', level: 'province' } as const;
    expect(choroplethScope(null, province)).toEqual({ level: 'city', parent: null });
    expect(choroplethScope('5120', province)).toEqual({ level: 'county', parent: '5120' });
    expect(choroplethScope('512021', province)).toEqual({ level: 'township', parent: '512021' });
    expect(choroplethScope('512021101002', province)).toEqual({ level: 'village', parent: '512021101' });
    expect(codePath('512021101002', province)).toEqual(['5120', '512021', '512021101', '512021101002']);
    // Outside the root: nothing selected, the root's children coloured.
    expect(choroplethScope('5301', province)).toEqual({ level: 'city', parent: null });
  });
});
