import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, AreaLevel, errorResponses, featureCollection, Geometry } from '../../schemas.ts';
import { NotFoundError } from '../../errors.ts';
import type { AppConfig } from '../../config.ts';
import { areaContents } from '../../progress/areaContents.ts';
import { checkDate, DateParam, defaultAsOf } from '../progressParams.ts';
import { requireArea } from '../requireArea.ts';

const AreaProperties = Type.Object({
  code: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  level: AreaLevel,
  kind: Type.Union([Type.Literal('village'), Type.Literal('community'), Type.Null()]),
  parent: Type.Union([Type.String(), Type.Null()]),
  labelLon: Type.Number(),
  labelLat: Type.Number(),
  poverty: Type.Boolean({ description: 'one of the poverty villages (贫困村)' }),
  synthetic: Type.Boolean({ description: 'the geometry is generated demo data' }),
});

const AreaDetailProperties = Type.Intersect([AreaProperties, Type.Object({
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  children: Type.Integer(),
  areaKm2: Type.Number(),
})]);

// One SQL shape for the list and the item: properties are built once, here.
const FEATURE_SQL = `json_build_object(
  'type', 'Feature', 'id', a.code, 'geometry', ST_AsGeoJSON(a.geom, 6)::json,
  'properties', json_build_object('code', a.code, 'name', a.name, 'shortName', a.short_name, 'level', a.level,
    'kind', a.kind, 'parent', a.parent_code, 'labelLon', round(ST_X(a.label_point)::numeric, 6),
    'labelLat', round(ST_Y(a.label_point)::numeric, 6), 'poverty', pv.code IS NOT NULL, 'synthetic', a.synthetic))`;

export const areaRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  app.get('/api/areas', {
    schema: {
      summary: 'Areas of one level, or the children of one area, as GeoJSON',
      tags: ['areas'],
      querystring: Type.Object({
        level: Type.Optional(AreaLevel),
        parent: Type.Optional(AreaCode),
      }, { additionalProperties: false }),
      response: { 200: featureCollection(AreaProperties), ...errorResponses },
    },
  }, async (request, reply) => {
    const { level, parent } = request.query;
    if (parent) await requireArea(app.db, 'parent', parent);
    const [row] = await app.db.query<{ fc: string }>(
      `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(${FEATURE_SQL} ORDER BY a.code), '[]'::json))::text AS fc
       FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code
       WHERE ($1::text IS NULL OR a.level = $1) AND ($2::text IS NULL OR a.parent_code = $2)`,
      [level ?? null, parent ?? null],
    );
    // Built by PostGIS as one string: no second serialisation of thousands of coordinates.
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=60').send(row.fc);
  });

  app.get('/api/areas/:code', {
    schema: {
      summary: 'One area with its bounding box and number of children',
      tags: ['areas'],
      params: Type.Object({ code: AreaCode }),
      response: {
        200: Type.Object({ type: Type.Literal('Feature'), id: Type.String(), geometry: Geometry, properties: AreaDetailProperties }),
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { code } = request.params;
    const rows = await app.db.query<{ f: string }>(
      `SELECT (jsonb_build_object('type', 'Feature', 'id', a.code, 'geometry', ST_AsGeoJSON(a.geom, 6)::jsonb)
         || jsonb_build_object('properties', (${FEATURE_SQL}->'properties')::jsonb || jsonb_build_object(
           'bbox', json_build_array(round(ST_XMin(a.geom)::numeric, 6), round(ST_YMin(a.geom)::numeric, 6),
                                    round(ST_XMax(a.geom)::numeric, 6), round(ST_YMax(a.geom)::numeric, 6)),
           'children', (SELECT count(*) FROM areas c WHERE c.parent_code = a.code),
           'areaKm2', round((ST_Area(a.geom::geography) / 1e6)::numeric, 3))))::text AS f
       FROM areas a LEFT JOIN poverty_villages pv ON pv.code = a.code WHERE a.code = $1`,
      [code],
    );
    if (rows.length === 0) throw new NotFoundError(`code: no area with code ${code}`);
    return reply.type('application/json; charset=utf-8').send(rows[0].f);
  });

  const Count = Type.Integer({ minimum: 0 });
  app.get('/api/areas/:code/contents', {
    schema: {
      summary: 'What lies inside an area as of a date: villages, poverty villages, households, parks and projects',
      tags: ['areas'],
      params: Type.Object({ code: AreaCode }),
      querystring: Type.Object({ asOf: Type.Optional(DateParam) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          code: Type.String(), asOf: Type.String(), villages: Count,
          povertyVillages: Type.Object({ total: Count, exited: Count }),
          households: Type.Union([Type.Object({
            total: Count, poor: Count, exited: Type.Integer({ description: 'including those at risk of returning' }), atRisk: Count,
            scattered: Type.Integer({ description: '插花式: in villages that are not poverty villages' }), people: Count,
          }), Type.Null()]),
          suppressed: Type.Boolean({ description: 'household figures hidden: too few households for the public' }),
          parks: Count,
          projects: Type.Object({ total: Count, completed: Count }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { code } = request.params;
    const asOf = request.query.asOf ? checkDate('asOf', request.query.asOf) : await defaultAsOf(app.db);
    await requireArea(app.db, 'code', code);
    return areaContents(app.db, code, asOf, request.minHouseholds);
  });
};
