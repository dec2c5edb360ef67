import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, AreaLevel, errorResponses } from '../../schemas.ts';
import { NotFoundError, BadRequestError } from '../../plugins/errors.ts';
import { areaHistory, areaProgress } from '../../progress/progressService.ts';
import { dayNumber, seriesDates } from '../../domain/campaignCalendar.ts';
import { levelOfCode } from '../../domain/areaCodes.ts';
import { checkDate, DateParam, defaultAsOf, parseIndicators, plainJson, SpecialtyParam } from '../progressParams.ts';
import { INDICATOR_KEYS } from '../../domain/indicators.ts';
import type { AppConfig } from '../../config.ts';

const MAX_POINTS = 400;
const IndicatorsParam = Type.String({ description: `comma-separated indicator keys; default all: ${INDICATOR_KEYS.join(', ')}` });
const IndicatorMap = Type.Record(Type.String(), Type.Ref('IndicatorValue'));

export const progressRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  app.get('/api/progress', {
    ...plainJson,
    schema: {
      summary: 'Each area of a level as of a date: every indicator against target and plan, with lag, status and rank',
      tags: ['progress'],
      querystring: Type.Object({
        level: AreaLevel,
        parent: Type.Optional(AreaCode),
        asOf: Type.Optional(DateParam),
        indicators: Type.Optional(IndicatorsParam),
        specialty: Type.Optional(SpecialtyParam),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          asOf: Type.String(), level: AreaLevel, parent: Type.Union([Type.String(), Type.Null()]), indicators: Type.Array(Type.String()),
          areas: Type.Array(Type.Object({
            code: Type.String(), name: Type.String(), parent: Type.Union([Type.String(), Type.Null()]), indicators: IndicatorMap,
            suppressed: Type.Boolean({ description: 'household figures hidden: too few households for the public' }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { level, parent, specialty } = request.query;
    const asOf = request.query.asOf ? checkDate('asOf', request.query.asOf) : await defaultAsOf(app.db);
    const indicators = parseIndicators(request.query.indicators);
    if (parent) {
      const found = await app.db.query<{ level: string }>('SELECT level FROM areas WHERE code = $1', [parent]);
      if (found.length === 0) throw new NotFoundError(`parent: no area with code ${parent}`);
      if (parent.length >= ({ city: 4, county: 6, township: 9, village: 12 } as const)[level]) {
        throw new BadRequestError(`parent: ${parent} is a ${found[0].level}, not above level ${level}`);
      }
    }
    const areas = await areaProgress(app.db, { level, parent: parent ?? null, asOf, indicators, specialty: specialty ?? null, minHouseholds: request.minHouseholds });
    return { asOf, level, parent: parent ?? null, indicators: indicators.map((i) => i.key), areas };
  });

  app.get('/api/progress/:code/history', {
    ...plainJson,
    schema: {
      summary: 'One area\'s indicators over time, weekly or monthly',
      tags: ['progress'],
      params: Type.Object({ code: AreaCode }),
      querystring: Type.Object({
        from: Type.Optional(DateParam),
        to: Type.Optional(DateParam),
        interval: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month')], { default: 'week' })),
        indicators: Type.Optional(IndicatorsParam),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          code: Type.String(), name: Type.String(), level: AreaLevel, interval: Type.String(),
          points: Type.Array(Type.Object({ date: Type.String(), indicators: IndicatorMap })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { code } = request.params;
    const rows = await app.db.query<{ name: string }>('SELECT name FROM areas WHERE code = $1', [code]);
    if (rows.length === 0) throw new NotFoundError(`code: no area with code ${code}`);
    const to = request.query.to ? checkDate('to', request.query.to) : await defaultAsOf(app.db);
    const from = request.query.from ? checkDate('from', request.query.from) : `${to.slice(0, 4)}-01-01`;
    if (dayNumber(from) > dayNumber(to)) throw new BadRequestError(`from: ${from} is after to: ${to}`);
    const interval = request.query.interval ?? 'week';
    const dates = seriesDates(from, to, interval);
    if (dates.length > MAX_POINTS) throw new BadRequestError(`from, to: ${dates.length} ${interval}s asked for; at most ${MAX_POINTS} points`);
    const level = levelOfCode(code)!;
    const points = await areaHistory(app.db, code, level, dates, parseIndicators(request.query.indicators), request.minHouseholds);
    return { code, name: rows[0].name, level, interval, points };
  });
};
