import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../client/api/apiCache.ts';
import { urls } from '../../client/api/urls.ts';
import { areaOf, behindOnly, trendOf } from '../../client/state/areaDetails.ts';
import { childLevelOf, choroplethScope, subLevelOfCode } from '../../client/state/areaCodes.ts';
import { filterableSpecialties } from '../../client/map/useDataLayers.ts';
import { layerOfHit } from '../../client/map/useSelection.ts';
import { colourSelection, colourSuggestions, type VillageFeature } from '../../client/map/PlannerLayers.ts';
import type { HistoryResponse, LaggingResponse, ProgressResponse } from '../../client/api/types.ts';

describe('the answer cache key', () => {
  const url = '/api/progress?level=county&asOf=2018-11-30';
  it('differs by signed-in user, data version and display token, not only by URL', () => {
    const publicKey = cacheKey({ user: '', version: 0, token: null }, url);
    expect(cacheKey({ user: 'clerk.512021101', version: 0, token: null }, url)).not.toBe(publicKey);
    expect(cacheKey({ user: '', version: 1, token: null }, url)).not.toBe(publicKey);
    expect(cacheKey({ user: '', version: 0, token: 'wall' }, url)).not.toBe(publicKey);
    expect(cacheKey({ user: '', version: 0, token: null }, url)).toBe(publicKey);
  });
});

describe('URL builders', () => {
  it('leave out absent parameters and encode path segments', () => {
    expect(urls.progress({ level: 'village', parent: null, asOf: '2018-06-30', indicators: ['people_lifted'] })).toBe('/api/progress?level=village&asOf=2018-06-30&indicators=people_lifted');
    expect(urls.progress({ level: 'township', parent: '512021', asOf: '2018-06-30' })).toBe('/api/progress?level=township&asOf=2018-06-30&parent=512021');
    expect(urls.lagging({ level: 'township', asOf: '2018-11-30', indicator: 'people_lifted' })).toBe('/api/lagging?level=township&asOf=2018-11-30&indicator=people_lifted&limit=10');
    expect(urls.events('a b')).toBe('/api/events?display=a+b');
    expect(urls.events(null)).toBe('/api/events');
    expect(urls.area('512021/x')).toBe('/api/areas/512021%2Fx');
    expect(urls.reviewWorkbook({ week: '2018-11-25', indicator: 'people_lifted', specialty: null })).toBe('/api/review/workbook?week=2018-11-25&indicator=people_lifted');
    expect(urls.summary()).toBe('/api/summary');
  });
});

describe('area details', () => {
  const value = (v: number | null, status = 'on_track') => ({ value: v, planned: 5, status }) as never;
  it('picks the area, keeps the children behind plan and draws one indicator\'s trend', () => {
    const progress = { asOf: 'x', areas: [{ code: 'a', name: 'A', parent: null, suppressed: false, indicators: {} }] } as ProgressResponse;
    expect(areaOf(progress, 'a')?.name).toBe('A');
    expect(areaOf(progress, 'b')).toBeNull();
    expect(areaOf(null, 'a')).toBeNull();
    const lagging = { areas: [{ code: 'x', value: value(1, 'behind') }, { code: 'y', value: value(1, 'on_track') }, { code: 'z', value: value(1, 'far_behind') }] } as unknown as LaggingResponse;
    expect(behindOnly(lagging).map((a) => a.code)).toEqual(['x', 'z']);
    const history = { points: [{ date: '2018-01-31', indicators: { k: value(3) } }, { date: '2018-02-28', indicators: {} }] } as unknown as HistoryResponse;
    expect(trendOf(history, 'k')).toEqual([{ date: '2018-01-31', value: 3, planned: 5 }, { date: '2018-02-28', value: null, planned: null }]);
  });

  it('treats the root as no selectable level, and a province root\'s cities as one', () => {
    const city = { code: '5120', level: 'city' } as const;
    const province = { code: '51', level: 'province' } as const;
    expect(subLevelOfCode('5120', city)).toBeNull();
    expect(subLevelOfCode('512021', city)).toBe('county');
    expect(subLevelOfCode('5104', city)).toBeNull();
    expect(subLevelOfCode('5120', province)).toBe('city');
    expect(subLevelOfCode('51', province)).toBeNull();
    expect(childLevelOf('512021', city)).toBe('township');
    expect(childLevelOf('5120', province)).toBe('county');
    expect(childLevelOf('512021101002', city)).toBeNull();
    expect(choroplethScope('5120', city)).toEqual({ level: 'county', parent: null });
  });
});

describe('layers', () => {
  it('offers the specialties that have projects, in code order', () => {
    expect(filterableSpecialties([{ code: 3, name: 'C', projects: 2 }, { code: 1, name: 'A', projects: 1 }, { code: 2, name: 'B', projects: 0 }])).toEqual([
      { code: 1, name: 'A' }, { code: 3, name: 'C' },
    ]);
  });

  it('shows the layer of a park or project search hit', () => {
    const hit = (type: 'park' | 'project' | 'county') => ({ type, id: '1', name: 'n', bbox: [0, 0, 1, 1] as [number, number, number, number] });
    expect(layerOfHit(hit('park'))).toBe('parks');
    expect(layerOfHit(hit('project'))).toBe('projects');
    expect(layerOfHit(hit('county'))).toBeNull();
  });

  it('colours the planner selection by piece and suggestions by cluster', () => {
    const village = (code: string): VillageFeature => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { code, name: code, parent: null, poverty: false, labelLon: 0, labelLat: 0 } });
    const villages = new Map(['a', 'b', 'c'].map((c) => [c, village(c)]));
    const colours = (fs: VillageFeature[]) => fs.map((f) => [f.properties.code, (f.properties as { color?: string }).color]);
    const selection = colours(colourSelection(['a', 'b', 'x'], villages, [['a'], ['b']]));
    expect(selection.map(([c]) => c)).toEqual(['a', 'b']);
    expect(selection[0][1]).not.toBe(selection[1][1]);
    const suggestions = colours(colourSuggestions([{ villages: ['a', 'c'] }, { villages: ['b'] }], villages));
    expect(suggestions[0][1]).toBe(suggestions[1][1]);
    expect(suggestions[2][1]).not.toBe(suggestions[0][1]);
  });
});
