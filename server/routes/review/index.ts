import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, errorResponses, protectedResponses } from '../../schemas.ts';
import { reviewWorkbook } from '../../export/reviewWorkbook.ts';
import { listProblems } from '../../lists/listProblems.ts';
import { listTasks } from '../../lists/listTasks.ts';
import { BadRequestError, NotFoundError } from '../../plugins/errors.ts';
import { seesSmallCounts } from '../../auth/access.ts';
import type { AppConfig } from '../../config.ts';
import { reviewWeek } from '../../progress/reviewWeek.ts';
import { checkDate, DateParam, defaultAsOf, parseIndicators, plainJson } from '../progressParams.ts';

export const reviewRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  /** The week asked for (default the data's date), checked against the data. */
  const reviewWeekParam = async (raw: string | undefined) => {
    const dataAsOf = await defaultAsOf(app.db);
    const week = raw ? checkDate('week', raw) : dataAsOf;
    const first = `${dataAsOf.slice(0, 4)}-01-07`;
    if (week < first || week > dataAsOf) throw new BadRequestError(`week: ${week} is outside the data (${first} to ${dataAsOf}: a week needs the week before it)`);
    return week;
  };
  const planIndicator = (raw: string | undefined) => {
    if (raw?.includes(',')) throw new BadRequestError('indicator: one indicator key, not a list');
    const [indicator] = parseIndicators(raw ?? 'people_lifted');
    if (!indicator.curve) throw new BadRequestError(`indicator: ${indicator.key} has no plan to lag behind`);
    return indicator;
  };

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
    const week = await reviewWeekParam(request.query.week);
    const level = request.query.level ?? 'township';
    const indicator = planIndicator(request.query.indicator);
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

  app.get('/api/review/workbook', {
    schema: {
      summary: 'The week\'s review as an Excel workbook: a sheet per level (county, township, village) and the problem and task lists (signed in)',
      tags: ['review'],
      querystring: Type.Object({ week: Type.Optional(DateParam), indicator: Type.Optional(Type.String()) }, { additionalProperties: false }),
      response: { 200: Type.Unknown({ description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), ...protectedResponses },
    },
  }, async (request, reply) => {
    app.requirePermission(request, 'aggregates');
    const week = await reviewWeekParam(request.query.week);
    const indicator = planIndicator(request.query.indicator);
    const levels = [];
    for (const [level, title] of [['county', '区县'], ['township', '乡镇'], ['village', '村']] as const) {
      // Village streaks look back 8 weeks at most: 1,230 areas a week.
      const { areas } = await reviewWeek(app.db, { week, level, parent: null, indicator, minHouseholds: null, maxWeeks: level === 'village' ? 8 : 26 });
      levels.push({ title, areas });
    }
    const body = await reviewWorkbook({
      week, indicatorName: indicator.nameZh, levels,
      problems: await listProblems(app.db, week, '', 'all'),
      tasks: await listTasks(app.db, week, week.slice(0, 7), ''),
    });
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="review-${week}.xlsx"`).send(body);
  });
};
