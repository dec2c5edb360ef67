import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, errorResponses } from '../../schemas.ts';
import { BadRequestError, NotFoundError } from '../../plugins/errors.ts';
import { seesSmallCounts } from '../../auth/access.ts';
import type { AppConfig } from '../../config.ts';
import { reviewWeek } from '../../progress/reviewWeek.ts';
import { checkDate, DateParam, defaultAsOf, parseIndicators, plainJson } from '../progressParams.ts';

export const reviewRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  app.get('/api/review', {
    ...plainJson,
    schema: {
      summary: 'The weekly meeting\'s review: areas of a level ranked by lag against plan, worst first, with the change since the previous week and the weeks in a row behind',
      tags: ['review'],
      querystring: Type.Object({
        week: Type.Optional(DateParam),
        level: Type.Optional(Type.Union([Type.Literal('county'), Type.Literal('township'), Type.Literal('village')], { default: 'township' })),
        county: Type.Optional(AreaCode),
        indicator: Type.Optional(Type.String({ description: 'an indicator with a plan; default people_lifted' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          week: Type.String(), previousWeek: Type.String(), level: Type.String(), indicator: Type.String(),
          areas: Type.Array(Type.Object({
            code: Type.String(), name: Type.String(), parent: Type.Union([Type.String(), Type.Null()]), value: Type.Ref('IndicatorValue'),
            change: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), lagShare: Type.Union([Type.Number(), Type.Null()]) }),
            weeksBehind: Type.Integer({ minimum: 0 }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const dataAsOf = await defaultAsOf(app.db);
    const week = request.query.week ? checkDate('week', request.query.week) : dataAsOf;
    const first = `${dataAsOf.slice(0, 4)}-01-07`;
    if (week < first || week > dataAsOf) throw new BadRequestError(`week: ${week} is outside the data (${first} to ${dataAsOf}: a week needs the week before it)`);
    const level = request.query.level ?? 'township';
    if (request.query.indicator?.includes(',')) throw new BadRequestError('indicator: one indicator key, not a list');
    const [indicator] = parseIndicators(request.query.indicator ?? 'people_lifted');
    if (!indicator.curve) throw new BadRequestError(`indicator: ${indicator.key} has no plan to lag behind`);
    const county = request.query.county ?? null;
    if (county) {
      if (county.length !== 6) throw new BadRequestError(`county: ${county} is not a county code (6 digits)`);
      if ((await app.db.query('SELECT 1 FROM areas WHERE code = $1', [county])).length === 0) throw new NotFoundError(`county: no area with code ${county}`);
      if (level === 'county') throw new BadRequestError('county: a county filter needs level township or village');
    }
    const minHouseholds = seesSmallCounts(request.principal) ? null : config.minAggregateHouseholds;
    const { previousWeek, areas } = await reviewWeek(app.db, { week, level, parent: county, indicator, minHouseholds });
    return { week, previousWeek, level, indicator: indicator.key, areas };
  });
};
