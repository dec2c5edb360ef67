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
        expect((await app.inject({ url: '/api/settings' })).json()).toEqual({ basemap, root: { code: '5120', level: 'city', name: '资阳市' } });
      } finally {
        await app.close();
      }
    }
  });
});
