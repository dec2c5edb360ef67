import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, AreaLevel, errorResponses } from '../../schemas.ts';
import { BadRequestError } from '../../errors.ts';
import { areaHistory, rankedAreaProgress } from '../../progress/areaProgress.ts';
import { dayNumber, seriesDates } from '../../domain/campaignCalendar.ts';
import { LEVELS, levelOfCode, MAX_FIGURES, tooManyFigures, type AreaLevel as Level } from '../../domain/areaCodes.ts';
import { checkDate, DateParam, parseIndicators, plainJson, SpecialtyParam } from '../progressParams.ts';
import { countAreas, defaultAsOf, requireArea } from '../../areas/areaQueries.ts';
import { listScope } from '../../areas/listScope.ts';
import { valueScale } from '../../progress/valueScale.ts';

import { INDICATOR_KEYS } from '../../domain/indicators.ts';
import { placeNameEn, withNameEn } from '../../domain/placeNames.ts';

const MAX_POINTS = 400;
const IndicatorsParam = Type.String({ description: `comma-separated indicator keys; default all: ${INDICATOR_KEYS.join(', ')}` });
const IndicatorMap = Type.Record(Type.String(), Type.Ref('IndicatorValue'));

export const progressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** A 400 when the areas of `level` under `scope` × `perArea` figures each are more than one answer holds (MAX_FIGURES). */
  const requireFewFigures = async (level: Level, scope: string, perArea: number, unit: string, narrow: string) => {
    const tooMany = tooManyFigures(await countAreas(app.db, level, scope), perArea, unit, level, scope, narrow);
    if (tooMany) throw new BadRequestError(tooMany);
  };

  app.get('/api/progress', {
    ...plainJson,
    schema: {
      summary: `Each area of a level as of a date: every indicator against target and plan, with lag, status and rank; at most ${MAX_FIGURES.toLocaleString('en')} figures (areas × indicators) in one answer`,
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
            code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }), parent: Type.Union([Type.String(), Type.Null()]), indicators: IndicatorMap,
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
      await requireArea(app.db, 'parent', parent);
      const parentLevel = levelOfCode(parent)!;
      if (LEVELS.indexOf(parentLevel) >= LEVELS.indexOf(level)) throw new BadRequestError(`parent: ${parent} is a ${parentLevel}, not above level ${level}`);
    }
    const scope = listScope(app.root, parent, level);
    await requireFewFigures(level, scope, indicators.length, 'indicators', 'ask for fewer indicators (indicators=) or name a smaller parent (parent=)');
    const areas = await rankedAreaProgress(app.db, { level, parent: scope, asOf, indicators, specialty: specialty ?? null, minHouseholds: request.minHouseholds });
    return { asOf, level, parent: parent ?? null, indicators: indicators.map((i) => i.key), areas: areas.map(withNameEn) };
  });

  app.get('/api/progress/scale', {
    schema: {
      summary: `Value-mode class breaks for one indicator over the whole year up to a date (each month's end), so that a map's colours keep their meaning through playback; at most ${MAX_FIGURES.toLocaleString('en')} figures (areas × month ends)`,
      tags: ['progress'],
      querystring: Type.Object({
        level: AreaLevel,
        parent: Type.Optional(AreaCode),
        indicator: Type.String({ description: 'one indicator key' }),
        method: Type.Union([Type.Literal('quantile'), Type.Literal('equal')], { description: 'quantile: classes of about equal size; equal: equal intervals between the smallest and the largest value' }),
        to: Type.Optional(DateParam),
        specialty: Type.Optional(SpecialtyParam),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          level: AreaLevel, parent: Type.Union([Type.String(), Type.Null()]), indicator: Type.String(), method: Type.String(),
          dates: Type.Array(Type.String(), { description: 'the dates whose values the classes are cut from' }),
          breaks: Type.Array(Type.Number(), { description: 'ascending; class i holds values v with breaks[i-1] <= v < breaks[i]; values are shares (0.5 = 50 % of target, or a 50 % share). No class is empty.' }),
          min: Type.Union([Type.Number(), Type.Null()]), max: Type.Union([Type.Number(), Type.Null()]),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { level, parent, specialty, method } = request.query;
    const to = request.query.to ? checkDate('to', request.query.to) : await defaultAsOf(app.db);
    const [indicator] = parseIndicators(request.query.indicator);
    if (request.query.indicator.includes(',')) throw new BadRequestError('indicator: one indicator key, not a list');
    if (parent) await requireArea(app.db, 'parent', parent);
    const scope = listScope(app.root, parent, level);
    const months = seriesDates(`${to.slice(0, 4)}-01-01`, to, 'month').length;
    await requireFewFigures(level, scope, months, 'month ends', 'name a smaller parent (parent=)');
    const scale = await valueScale(app.db, { level, parent: scope, indicator, method, to, specialty: specialty ?? null, minHouseholds: request.minHouseholds });
    return { level, parent: parent ?? null, indicator: indicator.key, method, ...scale };
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
          code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }), level: AreaLevel, interval: Type.String(),
          points: Type.Array(Type.Object({ date: Type.String(), indicators: IndicatorMap })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { code } = request.params;
    await requireArea(app.db, 'code', code);
    const to = request.query.to ? checkDate('to', request.query.to) : await defaultAsOf(app.db);
    const from = request.query.from ? checkDate('from', request.query.from) : `${to.slice(0, 4)}-01-01`;
    if (dayNumber(from) > dayNumber(to)) throw new BadRequestError(`from: ${from} is after to: ${to}`);
    const interval = request.query.interval ?? 'week';
    const dates = seriesDates(from, to, interval);
    if (dates.length > MAX_POINTS) throw new BadRequestError(`from, to: ${dates.length} ${interval}s asked for; at most ${MAX_POINTS} points`);
    const level = levelOfCode(code)!;
    const { name, points } = await areaHistory(app.db, { code, level, dates, indicators: parseIndicators(request.query.indicators), minHouseholds: request.minHouseholds });
    return { code, name, nameEn: placeNameEn(name), level, interval, points };
  });
};
