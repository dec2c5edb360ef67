import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaLevel, errorResponses } from '../../schemas.ts';
import { NotFoundError } from '../../errors.ts';
import { citySummary } from '../../progress/citySummary.ts';
import { withNameEn } from '../../domain/placeNames.ts';
import { checkDate, DateParam, plainJson } from '../progressParams.ts';
import { defaultAsOf } from '../../areas/areaQueries.ts';

const Headline = Type.Intersect([Type.Ref('IndicatorValue'), Type.Object({ weekChange: Type.Union([Type.Number(), Type.Null()]) })]);

export const summaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/summary', {
    ...plainJson,
    schema: {
      summary: 'The root area\'s headline figures (ROOT_AREA: the city, or a province) for the wall screen, with their change since a week earlier, the campaign phase and the root\'s children',
      tags: ['progress'],
      querystring: Type.Object({ asOf: Type.Optional(DateParam) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          asOf: Type.String(), weekAgo: Type.String(),
          phase: Type.Object({
            key: Type.String(), nameZh: Type.String(), nameEn: Type.String(), start: Type.String(), end: Type.String(),
            daysLeftInPhase: Type.Integer(), daysLeftInYear: Type.Integer(),
          }),
          city: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }), level: AreaLevel }, { description: 'the root area (ROOT_AREA): a city, or a province' }),
          childLevel: AreaLevel,
          headline: Type.Record(Type.String(), Headline),
          householdsRemaining: Type.Object({ value: Type.Integer(), weekChange: Type.Integer() }),
          counties: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }), people_lifted: Type.Ref('IndicatorValue') }), { description: 'the root\'s children (childLevel): the counties of a city, the cities of a province' }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const asOf = request.query.asOf ? checkDate('asOf', request.query.asOf) : await defaultAsOf(app.db);
    if (!app.root) throw new NotFoundError('no areas: the database holds no dataset');
    const summary = await citySummary(app.db, app.root, asOf, request.minHouseholds);
    return { ...summary, city: withNameEn(summary.city), counties: summary.counties.map(withNameEn) };
  });
};
