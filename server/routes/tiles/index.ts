import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { constants as zlibConstants } from 'node:zlib';
import { errorResponses, protectedResponses } from '../../schemas.ts';
import { BadRequestError } from '../../errors.ts';
import { isWithin } from '../../domain/areaCodes.ts';
import { rootPrefix } from '../../areas/rootArea.ts';
import { parseTileSources, TILE_MAX_ZOOM, tileOutOfRange, type TileSource } from '../../domain/tileLayers.ts';
import { vectorTile } from '../../tiles/tileQueries.ts';
import { areaBbox } from '../../areas/areaQueries.ts';

const Sources = Type.String({
  pattern: '^[a-z]+(,[a-z]+)*$', maxLength: 100,
  description: 'one or more tile sources joined by commas: province, city, county, township, village, households (signed-in roles that may read household records)',
});

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

/**
 * Tiles are many and small, asked for as the map moves: brotli at quality 3 takes 0.4 ms for a
 * 37 KB tile where the app's quality 5 takes 1.1 ms, for 13 % more bytes (gzip level 1 likewise).
 */
const tileCompression = {
  encodings: ['br', 'gzip'] as ('br' | 'gzip')[], threshold: 1024, customTypes: /^application\/vnd\.mapbox-vector-tile/,
  brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 3 } }, zlibOptions: { level: 1 },
};

/**
 * Vector tiles of the boundaries (and, for roles that may see them, household points), served the
 * way Martin and pg_tileserv serve PostGIS: ST_AsMVT on PostgreSQL, geojson-vt + vt-pbf over the
 * same rows on the embedded database. Tiles carry data-version ETags (plugins/dataEtag.ts).
 */
export const tileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The sources asked for, and the code prefix the caller may see in them. */
  const resolve = (request: FastifyRequest, list: string): { sources: TileSource[]; scope: string } => {
    const parsed = parseTileSources(list);
    if ('error' in parsed) throw new BadRequestError(parsed.error);
    const root = rootPrefix(app.root);
    if (!parsed.sources.some((s) => s.restricted)) return { sources: parsed.sources, scope: root };
    const p = app.requirePermission(request, 'households:read');
    // The narrower of the root and the account's own area; an account outside the root sees its own.
    const scope = isWithin(p.areaCode, root) ? p.areaCode : isWithin(root, p.areaCode) ? root : p.areaCode;
    return { sources: parsed.sources, scope };
  };

  app.get('/tiles/:sources/:z/:x/:y.pbf', {
    compress: tileCompression,
    schema: {
      summary: 'One Mapbox vector tile (MVT) of one or more sources; the layers are named after the sources, each with a *_label point layer for areas',
      tags: ['tiles'],
      params: Type.Object({
        sources: Sources,
        z: Type.Integer({ minimum: 0, maximum: 30 }),
        x: Type.Integer({ minimum: 0, maximum: 2 ** 30 }),
        y: Type.Integer({ minimum: 0, maximum: 2 ** 30 }),
      }),
      response: { 200: Type.String({ format: 'binary', description: MVT_TYPE }), ...protectedResponses },
    },
  }, async (request, reply) => {
    const { z, x, y } = request.params;
    const { sources, scope } = resolve(request, request.params.sources);
    const wrong = tileOutOfRange(z, x, y);
    if (wrong) throw new BadRequestError(wrong);
    const { tile, version } = await vectorTile(app.db, sources, z, x, y, scope);
    if (sources.some((s) => s.restricted)) {
      // Exact household points stay out of every cache, as the household layer's JSON does.
      reply.removeHeader('etag');
      reply.header('cache-control', 'private, no-store');
    } else if (request.versionInAnswer) {
      reply.tagData(version);
    }
    return reply.type(MVT_TYPE).send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
  });

  app.get('/tiles/:sources.json', {
    schema: {
      summary: 'TileJSON 3.0.0 of one or more tile sources: the tile URL, zoom range, bounds of the root area and the layers with their fields',
      tags: ['tiles'],
      params: Type.Object({ sources: Sources }),
      response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses },
    },
  }, async (request) => {
    const list = request.params.sources;
    const { sources } = resolve(request, list);
    const root = rootPrefix(app.root);
    const bounds = (root ? await areaBbox(app.db, root) : null) ?? [-180, -85.0511, 180, 85.0511];
    const minzoom = Math.min(...sources.map((s) => s.minzoom));
    return {
      tilejson: '3.0.0',
      name: list,
      scheme: 'xyz',
      // The address the caller used (behind a TLS proxy, set TRUST_PROXY so that it says https).
      tiles: [`${request.protocol}://${request.host}/tiles/${list}/{z}/{x}/{y}.pbf`],
      minzoom,
      maxzoom: TILE_MAX_ZOOM,
      bounds,
      center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.max(minzoom, 8)],
      vector_layers: sources.flatMap((s) => s.layers.map((l) => ({
        id: l.id,
        description: l.description,
        minzoom: l.minzoom,
        maxzoom: TILE_MAX_ZOOM,
        fields: Object.fromEntries(l.fields.map((f) => [f.name, f.type])),
      }))),
    };
  });
};
