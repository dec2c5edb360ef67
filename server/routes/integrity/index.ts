import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, protectedResponses } from '../../schemas.ts';
import { DateParam, checkDate } from '../progressParams.ts';
import { exitRiskReport } from '../../integrity/exitRiskReport.ts';
import { createSample, EXIT_STANDARDS, getSample, listSamples, recordVisit } from '../../integrity/verificationSamples.ts';
import { can, requireInside } from '../../auth/access.ts';
import { requireArea } from '../../areas/areaQueries.ts';
import { listTooWide } from '../../domain/areaCodes.ts';
import { BadRequestError } from '../../errors.ts';
import { assertNotFuture } from '../../dates.ts';

const Band = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

export const integrityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/integrity/exits', {
    schema: {
      summary: 'Every exit in the reader\'s area scored for the risk that it was made to look right (数字脱贫), riskiest first, with its signals',
      tags: ['audit'],
      querystring: Type.Object({
        asOf: Type.Optional({ ...DateParam, description: 'exits effective on or before this date; default today' }),
        area: Type.Optional({ ...AreaCode, description: 'only the exits inside this area, which must lie in yours; default your area (a province\'s are asked for one city or smaller at a time)' }),
        band: Type.Optional(Band),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          area: Type.String(), asOf: Type.String(), exits: Type.Integer(),
          bands: Type.Object({ low: Type.Integer(), medium: Type.Integer(), high: Type.Integer() }),
          rules: Type.Object({ thresholds: Type.Any(), points: Type.Record(Type.String(), Type.Number()) }),
          ranked: Type.Array(Type.Object({
            householdId: Type.String(), villageCode: Type.String(), villageName: Type.String({ description: 'the village\'s short name' }), villageNameEn: Type.String({ description: 'its English name (pinyin)' }), exitDate: Type.String(),
            enteredAt: Type.Union([Type.String(), Type.Null()]), actor: Type.Union([Type.String(), Type.Null()]),
            incomeBefore: Type.Union([Type.Integer(), Type.Null()]), incomeAtExit: Type.Integer(),
            score: Type.Number(), band: Band, signals: Type.Array(Type.String()),
          })),
        }),
        ...protectedResponses,
      },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'audit');
    // Every exit entered so far, not the data's as-of date: a fake may be dated after it.
    const asOf = request.query.asOf ? checkDate('asOf', request.query.asOf) : new Date().toISOString().slice(0, 10);
    const area = request.query.area ?? p.areaCode;
    if (request.query.area) {
      await requireArea(app.db, 'area', area);
      requireInside(p.areaCode, area, 'area');
    }
    const tooWide = listTooWide(area, 'village', 'area');
    if (tooWide) throw new BadRequestError(tooWide);
    return exitRiskReport(app.db, area, asOf, request.query.limit ?? 200, request.query.band);
  });

  const Estimate = Type.Object({
    rate: Type.Union([Type.Number(), Type.Null()]), low: Type.Union([Type.Number(), Type.Null()]), high: Type.Union([Type.Number(), Type.Null()]),
    visited: Type.Integer(), wrong: Type.Integer(), notVisited: Type.Integer(), pending: Type.Integer(),
  });
  const SampleHead = {
    id: Type.Integer(), areaCode: Type.String(), asOf: Type.String(), seed: Type.Integer(), margin: Type.Number(), population: Type.Integer(),
    size: Type.Integer(), bands: Type.Array(Type.Object({ band: Band, population: Type.Integer(), size: Type.Integer() })),
    createdBy: Type.String(), createdAt: Type.String(), estimate: Estimate,
  };
  const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
  const SampleOut = Type.Object({
    ...SampleHead,
    townships: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), sampled: Type.Integer(), visited: Type.Integer(), wrong: Type.Integer(), rate: Type.Union([Type.Number(), Type.Null()]) })),
    units: Type.Array(Type.Object({
      householdId: Type.String(), villageCode: Type.String(), villageName: Type.String(), township: Type.String(), townshipName: Type.String(),
      exitDate: Type.String(), band: Band, probability: Type.Number(), signals: Type.Array(Type.String()),
      headName: Nullable(Type.String()), phone: Nullable(Type.String()),
      result: Type.Union([Type.Literal('confirmed'), Type.Literal('wrong'), Type.Literal('not_visited'), Type.Null()]),
      failed: Type.Array(Type.String()), visitedBy: Nullable(Type.String()), visitedOn: Nullable(Type.String()), note: Type.String(), version: Type.Integer(),
    })),
  });
  const SampleId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

  app.post('/api/integrity/samples', {
    schema: {
      summary: 'Draw a 回头看 verification sample of the exits of a county or the city, sized for a margin at 95 % confidence (inspectors, administrators)',
      tags: ['audit'],
      body: Type.Object({
        areaCode: Type.String({ pattern: '^[0-9]{4}([0-9]{2})?$', description: 'a city or county code' }),
        asOf: Type.Optional({ ...DateParam, description: 'exits effective on or before this date; default today' }),
        margin: Type.Optional(Type.Number({ minimum: 0.01, maximum: 0.2, description: 'the margin of the wrong-exit rate at 95 % confidence; default 0.05' })),
        seed: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483646, description: 'to repeat a draw; default random, stored' })),
      }, { additionalProperties: false }),
      response: { 201: SampleOut, ...protectedResponses },
    },
  }, async (request, reply) => {
    const p = app.requirePermission(request, 'verify', request.body.areaCode);
    const asOf = request.body.asOf ? assertNotFuture('asOf', checkDate('asOf', request.body.asOf)) : new Date().toISOString().slice(0, 10);
    const id = await createSample(app.db, { actorId: p.id, actor: p.username, ip: request.ip }, { ...request.body, asOf });
    reply.code(201);
    return getSample(app.db, id, p.areaCode, can(p, 'households:read'));
  });

  app.get('/api/integrity/samples', {
    schema: {
      summary: 'The verification samples inside the reader\'s area, newest first, with their estimates (inspectors, administrators)',
      tags: ['audit'],
      response: { 200: Type.Array(Type.Object(SampleHead)), ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'verify');
    return listSamples(app.db, p.areaCode);
  });

  app.get('/api/integrity/samples/:id', {
    schema: {
      summary: 'A sample: its households to visit, the visits so far and the estimated wrong-exit rate (错退率) with its 95 % interval',
      tags: ['audit'],
      params: SampleId,
      response: { 200: SampleOut, ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'verify');
    return getSample(app.db, request.params.id, p.areaCode, can(p, 'households:read'));
  });

  app.put('/api/integrity/samples/:id/units/:householdId', {
    schema: {
      summary: 'Record a visit: confirmed, wrong (with the standard it fails) or not visited; a wrong exit may be reopened (回头帮)',
      tags: ['audit'],
      params: Type.Object({ id: SampleId.properties.id, householdId: Type.String({ minLength: 1, maxLength: 40 }) }),
      body: Type.Object({
        version: Type.Integer({ minimum: 1 }),
        result: Type.Union([Type.Literal('confirmed'), Type.Literal('wrong'), Type.Literal('not_visited')]),
        failed: Type.Optional(Type.Array(Type.Union(EXIT_STANDARDS.map((s) => Type.Literal(s))), { maxItems: 5, uniqueItems: true })),
        visitedBy: Type.String({ minLength: 1, maxLength: 80 }),
        visitedOn: DateParam,
        note: Type.Optional(Type.String({ maxLength: 1000 })),
        reopen: Type.Optional(Type.Object({
          status: Type.Union([Type.Literal('poor'), Type.Literal('at_risk')]),
          reason: Type.String({ minLength: 4, maxLength: 500 }),
        }, { additionalProperties: false })),
      }, { additionalProperties: false }),
      response: { 200: SampleOut, ...protectedResponses },
    },
  }, async (request) => {
    const p = app.requirePermission(request, 'verify');
    const body = request.body;
    const visitedOn = assertNotFuture('visitedOn', checkDate('visitedOn', body.visitedOn));
    await recordVisit(app.db, { actorId: p.id, actor: p.username, ip: request.ip, area: p.areaCode }, request.params.id, request.params.householdId, { ...body, visitedOn });
    return getSample(app.db, request.params.id, p.areaCode, can(p, 'households:read'));
  });
};
