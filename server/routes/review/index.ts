import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, errorResponses, protectedResponses } from '../../schemas.ts';
import { reviewWorkbook } from '../../export/reviewWorkbook.ts';
import { listProblems } from '../../lists/problemQueries.ts';
import { listTasks } from '../../lists/taskQueries.ts';
import { BadRequestError } from '../../errors.ts';
import { reviewWeek } from '../../progress/reviewWeek.ts';
import { recordShown, shownFigures } from '../../progress/shownFigures.ts';
import { latestSampleEstimates } from '../../integrity/verificationSamples.ts';
import { reviewChanges } from '../../progress/reviewChanges.ts';
import { addDays } from '../../domain/campaignCalendar.ts';
import { withNameEn } from '../../domain/placeNames.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { checkDate, ContributorSchema, DateParam, parsePlanIndicator, plainJson, SmallUnitField, SpecialtyParam } from '../progressParams.ts';
import { defaultAsOf, requireArea } from '../../areas/areaQueries.ts';
import { isAbove, levelOfCode, levelsBelow, listTooWide, type AreaLevel } from '../../domain/areaCodes.ts';
import { rootPrefix } from '../../areas/rootArea.ts';
import { listScope } from '../../areas/listScope.ts';

export const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** A date parameter (default the data's date) checked against the data's year, from its `firstDay` (MM-DD). */
  const dateInData = async (name: string, raw: string | undefined, firstDay: string, why = '') => {
    const dataAsOf = await defaultAsOf(app.db);
    const date = raw ? checkDate(name, raw) : dataAsOf;
    const first = `${dataAsOf.slice(0, 4)}-${firstDay}`;
    if (date < first || date > dataAsOf) throw new BadRequestError(`${name}: ${date} is outside the data (${first} to ${dataAsOf}${why})`);
    return date;
  };
  /** The week asked for: it needs the week before it. */
  const reviewWeekParam = (raw: string | undefined) => dateInData('week', raw, '01-07', ': a week needs the week before it');
  /** A specialty restricts project figures, so it only goes with a project indicator. */
  const specialtyFor = (specialty: number | undefined, indicator: Indicator | null) => {
    if (specialty === undefined) return null;
    if (indicator && !indicator.projects) throw new BadRequestError(`specialty: ${indicator.key} is not a project indicator; a specialty applies to funds_disbursed and projects_completed`);
    return specialty;
  };
  /**
   * The areas reviewed: inside `parent` (any area above the level), or `county` (the older name of a
   * county parent), else inside the root; a 400 when that is too wide to list at once.
   */
  const scopeFor = async (query: { parent?: string; county?: string }, level: AreaLevel) => {
    if (query.parent && query.county) throw new BadRequestError('county: give a parent or a county, not both');
    if (query.county && levelOfCode(query.county) !== 'county') throw new BadRequestError(`county: ${query.county} is not a county code (6 digits)`);
    const field = query.parent ? 'parent' : 'county';
    const parent = query.parent ?? query.county ?? null;
    if (parent) {
      const parentLevel = await requireArea(app.db, field, parent);
      if (!isAbove(parentLevel, level)) throw new BadRequestError(`${field}: ${parent} is a ${parentLevel}; a ${parentLevel} filter needs a level below it, not ${level}`);
    }
    return { parent, scope: listScope(app.root, parent, level) };
  };
  const Level = Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village')], { default: 'township' });
  const ParentParam = Type.Optional({ ...AreaCode, description: 'only the areas inside this one (any level above `level`); default the root area' });

  app.get('/api/review', {
    ...plainJson,
    schema: {
      summary: 'The weekly meeting\'s review: areas of a level ranked by lag against plan (in the indicator\'s unit, ties by lag share; small units after the others), worst first, with the change since the previous week and the weeks in a row behind',
      tags: ['review'],
      querystring: Type.Object({
        week: Type.Optional(DateParam),
        level: Type.Optional(Level),
        parent: ParentParam,
        county: Type.Optional({ ...AreaCode, description: 'a county parent (the older name of `parent` for a county)' }),
        indicator: Type.Optional(Type.String({ description: 'an indicator with a plan; default people_lifted' })),
        specialty: Type.Optional(SpecialtyParam),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          week: Type.String(), previousWeek: Type.String(), level: Type.String(), indicator: Type.String(), specialty: Type.Union([Type.Integer(), Type.Null()]),
          areas: Type.Array(Type.Object({
            code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }), parent: Type.Union([Type.String(), Type.Null()]), value: Type.Ref('IndicatorValue'),
            change: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), lagShare: Type.Union([Type.Number(), Type.Null()]) }),
            weeksBehind: Type.Integer({ minimum: 0 }),
            smallUnit: SmallUnitField,
            worstParts: Type.Array(Type.Composite([ContributorSchema, Type.Object({ shortName: Type.String() })]), { description: 'for an area behind plan: its parts furthest behind (up to 3), why it lags' }),
            shown: Type.Union([Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), at: Type.String() }), Type.Null()], { description: 'the value a meeting was first shown for this week, and when' }),
            changedSinceShown: Type.Boolean({ description: 'the figure differs from the one first shown: an edit was dated back into this week' }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const week = await reviewWeekParam(request.query.week);
    const level = request.query.level ?? 'township';
    const indicator = parsePlanIndicator(request.query.indicator);
    const specialty = specialtyFor(request.query.specialty, indicator);
    const { scope } = await scopeFor(request.query, level);
    const minHouseholds = request.minHouseholds;
    const { previousWeek, areas } = await reviewWeek(app.db, { week, level, parent: scope, indicator, specialty, minHouseholds });
    // What a signed-in meeting sees is kept the first time (whole figures only, not a specialty's).
    if (request.principal.kind === 'user' && specialty === null) {
      await recordShown(app.db, week, indicator.key, areas.map((a) => ({ code: a.code, value: a.value.value })));
    }
    const shown = specialty === null ? await shownFigures(app.db, week, indicator.key, areas.map((a) => a.code)) : new Map();
    return {
      week, previousWeek, level, indicator: indicator.key, specialty,
      areas: areas.map((a) => {
        const first = shown.get(a.code) ?? null;
        // Compared at the API's precision: a share is sent with its own rounding.
        const changed = first !== null && first.value !== null && a.value.value !== null && Math.abs(first.value - a.value.value) > 1e-9;
        return Object.assign(withNameEn(a), { worstParts: a.worstParts.map(withNameEn), shown: first, changedSinceShown: changed });
      }),
    };
  });

  const Count = Type.Union([Type.Integer(), Type.Null()], { description: 'null: hidden, fewer households than the public may see' });
  const Change = Type.Object({
    householdsExited: Count, peopleLifted: Count, povertyVillagesExited: Type.Integer(),
    newAtRisk: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'households at risk (回头看) at the end and not at the start' }),
    atRiskCleared: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'households at risk at the start and no longer at the end' }),
    projectsCompleted: Type.Integer(), fundsDisbursed: Type.Number({ description: 'yuan disbursed in the period' }),
    disbursedShare: Type.Union([Type.Number(), Type.Null()], { description: 'change of the disbursed share of the budget (0.05 = 5 points)' }),
  });

  app.get('/api/review/changes', {
    schema: {
      summary: 'What changed between two weeks in the areas of a level: exits, households newly at risk, projects completed, funds disbursed',
      tags: ['review'],
      querystring: Type.Object({
        from: Type.Optional({ ...DateParam, description: 'the earlier week; default a week before `to`' }),
        to: Type.Optional({ ...DateParam, description: 'the later week; default the data\'s date' }),
        level: Type.Optional(Level),
        parent: ParentParam,
        county: Type.Optional({ ...AreaCode, description: 'a county parent (the older name of `parent` for a county)' }),
        specialty: Type.Optional(SpecialtyParam),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          from: Type.String(), to: Type.String(), level: Type.String(), county: Type.Union([Type.String(), Type.Null()], { description: 'the parent asked for (`parent` or `county`)' }), specialty: Type.Union([Type.Integer(), Type.Null()]),
          total: Change,
          areas: Type.Array(Type.Object({
            code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }), parent: Type.Union([Type.String(), Type.Null()]), change: Change,
            wrongExit: Type.Optional(Type.Union([Type.Object({
              sampleId: Type.Integer(), asOf: Type.String(), rate: Type.Union([Type.Number(), Type.Null()]),
              low: Type.Union([Type.Number(), Type.Null()]), high: Type.Union([Type.Number(), Type.Null()]), visited: Type.Integer(),
            }), Type.Null()], { description: 'counties, signed in: the estimated wrong-exit rate (错退率) of the newest 回头看 sample, with its 95 % interval' })),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const to = await dateInData('to', request.query.to, '01-01');
    const from = await dateInData('from', request.query.from ?? addDays(to, -7), '01-01');
    if (from >= to) throw new BadRequestError(`from: ${from} must be before to (${to})`);
    const level = request.query.level ?? 'township';
    const { parent: county, scope } = await scopeFor(request.query, level);
    const specialty = specialtyFor(request.query.specialty, null);
    const minHouseholds = request.minHouseholds;
    const { total, areas } = await reviewChanges(app.db, { from, to, level, parent: scope, specialty, minHouseholds });
    // Beside each county's exits, what its newest 回头看 sample says of them (for a meeting, not the public).
    const wrongExit = level === 'county' && request.principal.kind === 'user' ? await latestSampleEstimates(app.db, areas.map((a) => a.code)) : null;
    return { from, to, level, county, specialty, total, areas: areas.map((a) => ({ ...withNameEn(a), ...(wrongExit ? { wrongExit: wrongExit.get(a.code) ?? null } : {}) })) };
  });

  app.get('/api/review/workbook', {
    schema: {
      summary: 'The week\'s review as an Excel workbook: a sheet per level (county, township, village), the townships\' changes since the week before, and the problem and task lists (signed in)',
      tags: ['review'],
      querystring: Type.Object({ week: Type.Optional(DateParam), indicator: Type.Optional(Type.String()), specialty: Type.Optional(SpecialtyParam) }, { additionalProperties: false }),
      response: { 200: Type.Unknown({ description: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), ...protectedResponses },
    },
  }, async (request, reply) => {
    app.requirePermission(request, 'aggregates');
    const week = await reviewWeekParam(request.query.week);
    const indicator = parsePlanIndicator(request.query.indicator);
    const specialty = specialtyFor(request.query.specialty, indicator);
    const levels = [];
    // A sheet per level below the root, as deep as one list may go (a city's villages, a province's townships).
    const titles: Record<AreaLevel, string> = { province: '省', city: '市州', county: '区县', township: '乡镇', village: '村' };
    const rootCode = rootPrefix(app.root);
    const sheetLevels = levelsBelow(app.root?.level ?? 'city').filter((l) => !listTooWide(rootCode, l));
    for (const [level, title] of sheetLevels.map((l) => [l, titles[l]] as const)) {
      // Village streaks look back 8 weeks at most: 1,230 areas a week.
      const { areas } = await reviewWeek(app.db, { week, level, parent: listScope(app.root, null, level), indicator, specialty, minHouseholds: null, maxWeeks: level === 'village' ? 8 : 26 });
      levels.push({ title, areas });
    }
    const from = addDays(week, -7);
    const changes = await reviewChanges(app.db, { from, to: week, level: 'township', parent: listScope(app.root, null, 'township'), specialty, minHouseholds: null });
    const body = await reviewWorkbook({
      week, indicator, levels, changes: { from, to: week, ...changes },
      problems: await listProblems(app.db, week, '', 'all'),
      tasks: await listTasks(app.db, week, week.slice(0, 7), ''),
    });
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="review-${week}.xlsx"`).send(body);
  });
};
