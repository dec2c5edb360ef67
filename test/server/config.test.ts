import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../helpers/testConfig.ts';

describe('config', () => {
  it('has no online basemap unless one is configured', () => {
    expect(loadConfig({}).basemap).toBeNull();
    expect(loadConfig({}).rootArea).toBeNull();
    expect(loadConfig({ ROOT_AREA: '51' }).rootArea).toBe('51');
    expect(() => loadConfig({ ROOT_AREA: '512021' })).toThrow(/ROOT_AREA/);
    const tiles = 'https://t0.example.org/img_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY';
    expect(loadConfig({ BASEMAP_TILES: tiles, BASEMAP_ATTRIBUTION: '天地图' }).basemap).toEqual({ tiles, attribution: '天地图' });
  });

  it('names a bad setting', () => {
    expect(() => loadConfig({ BASEMAP_TILES: 'ftp://x/{z}/{x}/{y}' })).toThrow(ConfigError);
    expect(() => loadConfig({ BASEMAP_TILES: 'https://x/tiles.png' })).toThrow(/BASEMAP_TILES.*\{z\}/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('tells the client the basemap setting', async () => {
    for (const basemap of [null, { tiles: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: 'x' }]) {
      const app = await buildApp(testConfig({ basemap }), { logger: false });
      try {
        const settings = (await app.inject({ url: '/api/settings' })).json();
        expect(settings).toMatchObject({ basemap, root: { code: '5120', level: 'city', name: '资阳市' } });
        // The city's bounds, where the map opens: 资阳 lies about 104.4–105.8° E, 29.7–30.6° N.
        const [w, s, e, n] = settings.root.bbox;
        expect([w > 104.3 && w < 104.5, s > 29.6 && s < 29.8, e > 105.7 && e < 105.9, n > 30.5 && n < 30.7]).toEqual([true, true, true, true]);
      } finally {
        await app.close();
      }
    }
  });
});
