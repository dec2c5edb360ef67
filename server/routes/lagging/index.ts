import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, AreaLevel, errorResponses } from '../../schemas.ts';
import { BadRequestError } from '../../errors.ts';
import { laggingAreas } from '../../progress/lagging.ts';
import { withNameEn } from '../../domain/placeNames.ts';
import { checkDate, ContributorSchema, DateParam, parsePlanIndicator, plainJson, SmallUnitField } from '../progressParams.ts';
import { defaultAsOf, requireArea } from '../../areas/areaQueries.ts';
import { listScope } from '../../areas/listScope.ts';


export const laggingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/lagging', {
    ...plainJson,
    schema: {
      summary: 'Areas ranked by how far behind plan they are (by lag in the indicator\'s unit, ties by lag share; small units after the others), worst first, with the children that lag most and the change since a week earlier',
      tags: ['progress'],
      querystring: Type.Object({
        level: Type.Optional(Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village')], { default: 'township' })),
        parent: Type.Optional(AreaCode),
        asOf: Type.Optional(DateParam),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 10 })),
        indicator: Type.Optional(Type.String({ description: 'the indicator to rank by; default people_lifted' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          asOf: Type.String(), level: Type.String(), indicator: Type.String(),
          areas: Type.Array(Type.Object({
            code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }), parent: Type.Union([Type.String(), Type.Null()]),
            value: Type.Ref('IndicatorValue'),
            weekChange: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), lagShare: Type.Union([Type.Number(), Type.Null()]) }),
            smallUnit: SmallUnitField,
            contributors: Type.Array(ContributorSchema),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const level = request.query.level ?? 'township';
    const asOf = request.query.asOf ? checkDate('asOf', request.query.asOf) : await defaultAsOf(app.db);
    const indicator = parsePlanIndicator(request.query.indicator);
    const parent = request.query.parent ?? null;
    if (parent) await requireArea(app.db, 'parent', parent);
    const areas = await laggingAreas(app.db, { level, asOf, limit: request.query.limit ?? 10, indicator, parent: listScope(app.root, parent, level), minHouseholds: request.minHouseholds });
    return { asOf, level, indicator: indicator.key, areas: areas.map((a) => ({ ...withNameEn(a), contributors: a.contributors.map(withNameEn) })) };
  });
};
