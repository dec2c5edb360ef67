import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, AreaLevel, errorResponses, featureCollection, Geometry } from '../../schemas.ts';
import { BadRequestError, NotFoundError } from '../../errors.ts';
import { areaContents } from '../../progress/areaContents.ts';
import { checkDate, DateParam } from '../progressParams.ts';
import { areaCollection, areaDetail, defaultAsOf, requireArea } from '../../areas/areaQueries.ts';
import { listScope } from '../../areas/listScope.ts';

const AreaProperties = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String({ description: 'the English name: pinyin and the kind of unit (安岳县 → Anyue County)' }),
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

export const areaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/areas', {
    schema: {
      summary: 'Areas of one level, or the children of one area, as GeoJSON; without a parent, those inside the root area (ROOT_AREA)',
      tags: ['areas'],
      querystring: Type.Object({
        level: Type.Optional(AreaLevel),
        parent: Type.Optional(AreaCode),
        within: Type.Optional({ ...AreaCode, description: 'the areas inside this one, at any depth (with `level`: a county\'s villages); a 400 when that is too many for one answer' }),
        shape: Type.Optional(Type.Union([Type.Literal('polygon'), Type.Literal('label')], {
          description: "polygon (default): each area's boundary; label: its label point only, for a map that draws the polygons from /tiles",
        })),
      }, { additionalProperties: false }),
      response: { 200: featureCollection(AreaProperties), ...errorResponses },
    },
  }, async (request, reply) => {
    const { level, parent, shape } = request.query;
    if (parent && request.query.within) throw new BadRequestError('within: give a parent or an area to look within, not both');
    if (parent) await requireArea(app.db, 'parent', parent);
    if (request.query.within) await requireArea(app.db, 'within', request.query.within);
    // Without a parent: the areas inside `within` or the root, as deep as one answer may go (every level without a level).
    const within = parent ? null : listScope(app.root, request.query.within, level ?? 'village', request.query.within ? 'within' : 'parent');
    const fc = await areaCollection(app.db, { level: level ?? null, parent: parent ?? null, within }, shape);
    // Built by PostGIS as one string: no second serialisation of thousands of coordinates.
    return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=60').send(fc);
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
    const feature = await areaDetail(app.db, code);
    if (feature === null) throw new NotFoundError(`code: no area with code ${code}`);
    return reply.type('application/json; charset=utf-8').send(feature);
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
