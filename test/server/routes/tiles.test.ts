/**
 * Vector tiles, on both backends (ST_AsMVT on PostgreSQL, geojson-vt + vt-pbf on the embedded
 * database): each tile is decoded and checked against the database itself — which areas it holds,
 * their attributes, their shapes (area inside the buffered tile) and label points — at several
 * zooms; households only for roles that may see them, inside their area.
 */
import { brotliDecompressSync } from 'node:zlib';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { TILE_BUFFER, TILE_EXTENT, TILE_SOURCES, tileOfPoint, VILLAGES_ALL_FROM } from '../../../server/domain/tileLayers.ts';
import type { AreaLevel } from '../../../server/domain/areaCodes.ts';
import { testConfig } from '../../helpers/testConfig.ts';

const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes));

/** |Σ signed ring areas| in tile units²: outer rings and holes wind opposite ways in MVT. */
function polygonArea(feature: VectorTileFeature): number {
  let sum = 0;
  for (const ring of feature.loadGeometry()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
  }
  return Math.abs(sum / 2);
}

describe('vector tiles', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(testConfig(), { logger: false });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });
  const signIn = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0] };
  };

  /** What the database says a tile of `level` must and may hold, and each area's attributes and clipped area. */
  async function expected(level: AreaLevel, z: number, x: number, y: number) {
    const rows = await app.db.query<{ code: string; name: string; short_name: string; parent: string; poverty: boolean; inside: number; buffered: number; lx: number; ly: number }>(`
      WITH e AS (SELECT ST_TileEnvelope($2::int, $3::int, $4::int) AS env, ST_TileEnvelope($2::int, $3::int, $4::int, margin => $5::float8) AS wide)
      SELECT a.code, a.name, a.short_name, coalesce(a.parent_code, '') AS parent, pv.code IS NOT NULL AS poverty,
        ST_Area(ST_Intersection(ST_Transform(a.geom, 3857), e.env)) / (ST_XMax(e.env) - ST_XMin(e.env))^2 * ${TILE_EXTENT ** 2} AS inside,
        ST_Area(ST_Intersection(ST_Transform(a.geom, 3857), e.wide)) / (ST_XMax(e.env) - ST_XMin(e.env))^2 * ${TILE_EXTENT ** 2} AS buffered,
        (ST_X(ST_Transform(a.label_point, 3857)) - ST_XMin(e.env)) / (ST_XMax(e.env) - ST_XMin(e.env)) * ${TILE_EXTENT} AS lx,
        (ST_YMax(e.env) - ST_Y(ST_Transform(a.label_point, 3857))) / (ST_XMax(e.env) - ST_XMin(e.env)) * ${TILE_EXTENT} AS ly
      FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code, e
      WHERE a.level = $1 AND a.code LIKE '5120%' AND ST_Intersects(ST_Transform(a.geom, 3857), e.wide)`,
    [level, z, x, y, TILE_BUFFER / TILE_EXTENT]);
    return new Map(rows.map((r) => [r.code, r]));
  }

  it('holds the areas the database has in each tile, with their attributes, shapes and label points, at z8 to z14', async () => {
    const [anchor] = await app.db.query<{ lon: number; lat: number }>("SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE code = '512021101'");
    let checked = 0;
    for (const z of [8, 9, 10, 12, 14]) {
      const [, x, y] = tileOfPoint(z, anchor.lon, anchor.lat);
      const res = await app.inject({ url: `/tiles/county,township,village/${z}/${x}/${y}.pbf` });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      const tile = decode(res.rawPayload);
      for (const level of ['county', 'township', 'village'] as const) {
        const source = TILE_SOURCES[level];
        const truth = await expected(level, z, x, y);
        for (const layer of source.layers) {
          const mvt = tile.layers[layer.id];
          if (z < layer.minzoom) {
            expect(mvt, `${layer.id} at z${z}`).toBeUndefined();
            continue;
          }
          const onlyPoverty = level === 'village' && layer.geometry === 'polygon' && z < VILLAGES_ALL_FROM;
          const got = new Map<string, VectorTileFeature>();
          for (let i = 0; i < (mvt?.length ?? 0); i++) {
            const f = mvt!.feature(i);
            got.set(String(f.properties.code), f);
          }
          if (layer.geometry === 'polygon') {
            // Every area covering more than 8×8 tile units of the tile itself is there; nothing else.
            const must = [...truth.values()].filter((r) => r.inside > 64 && (!onlyPoverty || r.poverty)).map((r) => r.code).sort();
            expect([...got.keys()].filter((c) => must.includes(c)).sort(), `${layer.id} at z${z}`).toEqual(must);
            for (const code of got.keys()) expect(truth.has(code) && (!onlyPoverty || truth.get(code)!.poverty), `${code} in ${layer.id} z${z}`).toBe(true);
          } else {
            const inside = [...truth.values()].filter((r) => r.lx >= 0 && r.lx < TILE_EXTENT && r.ly >= 0 && r.ly < TILE_EXTENT).map((r) => r.code).sort();
            expect([...got.keys()].filter((c) => inside.includes(c)).sort(), `${layer.id} at z${z}`).toEqual(inside);
          }
          for (const [code, f] of got) {
            const row = truth.get(code)!;
            expect(f.id).toBe(Number(code));
            const props = layer.geometry === 'point'
              ? { code, name: row.name, short_name: row.short_name, parent: row.parent, poverty: row.poverty }
              : { code, parent: row.parent, poverty: row.poverty };
            expect({ ...f.properties }, `${code} in ${layer.id} z${z}`).toEqual(props);
            if (layer.geometry === 'polygon') {
              expect(f.type).toBe(3);
              // The shape inside the buffered tile, within 3 % (simplification and the integer grid).
              if (row.buffered > 2000) expect(Math.abs(polygonArea(f) / row.buffered - 1), `${code} area z${z}`).toBeLessThan(0.03);
            } else {
              expect(f.type).toBe(1);
              const [[p]] = f.loadGeometry();
              expect(Math.hypot(p.x - row.lx, p.y - row.ly), `${code} label z${z}`).toBeLessThan(1.5);
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('leaves a level out below its first zoom, answers TileJSON, and refuses what is not a tile', async () => {
    const low = await app.inject({ url: '/tiles/village/5/25/13.pbf' });
    expect(low.statusCode).toBe(200);
    expect(low.rawPayload.length).toBe(0);
    const counties = decode((await app.inject({ url: '/tiles/county/5/25/13.pbf' })).rawPayload);
    expect(counties.layers.county.length).toBe(3);

    const json = await app.inject({ url: '/tiles/county,village.json', headers: { host: 'map.example:8080' } });
    expect(json.statusCode).toBe(200);
    const tj = json.json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual(['http://map.example:8080/tiles/county,village/{z}/{x}/{y}.pbf']);
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toEqual(['county', 'county_label', 'village', 'village_label']);
    expect(tj.vector_layers[3].fields).toMatchObject({ code: 'String', name: 'String', poverty: 'Boolean' });
    const [w, s, e, n] = tj.bounds;
    expect([w > 104, e < 106, s > 29, n < 31, w < e, s < n]).toEqual([true, true, true, true, true, true]);

    for (const [url, message] of [
      ['/tiles/county,roads/8/202/105.pbf', /tile source "roads" does not exist/],
      ['/tiles/county/15/0/0.pbf', /past the last tile zoom 14/],
      ['/tiles/county/8/256/105.pbf', /x and y run from 0 to 255/],
      ['/tiles/county/8/-1/105.pbf', /x/],
      ['/tiles/COUNTY.json', /sources/],
    ] as const) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message, url).toMatch(message);
    }
  });

  it('is compressed, tagged with the data version and answered 304 when asked again', async () => {
    const [, x, y] = tileOfPoint(10, 105.3, 29.9);
    const url = `/tiles/county,township,village/10/${x}/${y}.pbf`;
    const plain = await app.inject({ url });
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Buffer.compare(brotliDecompressSync(br.rawPayload), plain.rawPayload)).toBe(0);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 1.5);
    const again = await app.inject({ url, headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('serves household points only to roles that may read household records, and only inside their area', async () => {
    const [home] = await app.db.query<{ lon: number; lat: number }>(
      "SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM households WHERE village_code LIKE '512021101%' AND geom IS NOT NULL ORDER BY id LIMIT 1");
    const [, x, y] = tileOfPoint(12, home.lon, home.lat);
    const url = `/tiles/households/12/${x}/${y}.pbf`;
    expect((await app.inject({ url })).statusCode).toBe(401);
    // `If-None-Match: *` is no way past the checks: a refusal stays a refusal.
    expect((await app.inject({ url, headers: { 'if-none-match': '*' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/tiles/county/15/0/0.pbf', headers: { 'if-none-match': '*' } })).statusCode).toBe(400);
    expect((await app.inject({ url, headers: await signIn('leader', 'demo-leader-2018') })).statusCode).toBe(403);
    expect((await app.inject({ url: '/tiles/households.json' })).statusCode).toBe(401);

    const count = async (prefix: string) => (await app.db.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM households
      WHERE geom IS NOT NULL AND village_code LIKE $4 || '%'
        AND ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${TILE_BUFFER / TILE_EXTENT}))`,
    [12, x, y, prefix]))[0].n;
    const clerk = await app.inject({ url, headers: await signIn('clerk.512021101', 'demo-clerk-2018') });
    expect(clerk.statusCode).toBe(200);
    // Exact points stay out of caches, as /api/households/layer's do.
    expect(clerk.headers['cache-control']).toBe('private, no-store');
    expect(clerk.headers.etag).toBeUndefined();
    const points = decode(clerk.rawPayload).layers.households;
    const own = await count('512021101');
    expect(own).toBeGreaterThan(0);
    expect(points.length).toBe(own);
    for (let i = 0; i < points.length; i++) {
      const f = points.feature(i);
      expect(String(f.properties.village_code).startsWith('512021101')).toBe(true);
      expect(Object.keys(f.properties).sort()).toEqual(['id', 'people', 'scattered', 'status', 'village_code']);
    }
    const admin = await app.inject({ url, headers: await signIn('admin', 'demo-admin-2018') });
    expect(decode(admin.rawPayload).layers.households.length).toBe(await count('5120'));
  });
});
