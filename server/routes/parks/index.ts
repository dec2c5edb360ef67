import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaCode, errorResponses, featureCollection, protectedResponses, VillageCode } from '../../schemas.ts';
import { BadRequestError } from '../../errors.ts';
import { loadParkProblem } from '../../parks/loadParkProblem.ts';
import { parkCollection } from '../../parks/parkQueries.ts';
import { suggestClusters, type ParkCluster } from '../../domain/parkOptimiser.ts';
import { MU_PER_HA } from '../../domain/units.ts';

const Cluster = Type.Object({
  rank: Type.Integer(), villages: Type.Array(Type.String()), score: Type.Number({ description: 'poverty-village households + weight × scattered households reached' }),
  areaHa: Type.Number(), areaMu: Type.Number(), povertyHouseholds: Type.Integer(), scatteredHouseholds: Type.Integer(), reason: Type.String(),
});

function reasonFor(c: ParkCluster, i: number, best: ParkCluster, weight: number): string {
  const reach = `${c.codes.length} 个相邻村，覆盖贫困村建档立卡户 ${c.povertyHouseholds} 户、插花式 ${c.scatteredHouseholds} 户（权重 ${weight}），得分 ${Math.round(c.score * 10) / 10}`;
  return i === 0 ? `第 1：${reach}，为找到的最高分` : `第 ${i + 1}：${reach}，比第 1 少 ${Math.round((best.score - c.score) * 10) / 10} 分，与之前的方案重叠不超过一半`;
}

const ParkProperties = Type.Object({
  id: Type.String(), name: Type.String(), status: Type.String(), villages: Type.Array(Type.String()),
  areaKm2: Type.Number(), synthetic: Type.Boolean(),
});

export const parkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/parks', {
    schema: {
      summary: 'Industrial parks (联村连片扶贫园区) with their member villages, as GeoJSON',
      tags: ['parks'],
      response: { 200: featureCollection(ParkProperties), ...errorResponses },
    },
  }, async (_request, reply) => {
    return reply.type('application/json; charset=utf-8').send(await parkCollection(app.db));
  });

  app.post('/api/parks/suggest', {
    schema: {
      summary: 'Suggest contiguous village clusters for a park (planners): the best found under the limits, best first, each with its measures and why it ranks there',
      tags: ['parks'],
      body: Type.Object({
        scope: AreaCode,
        maxVillages: Type.Integer({ minimum: 1, maximum: 30, description: 'K: at most this many villages' }),
        maxAreaHa: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'at most this area, in hectares' })),
        include: Type.Optional(Type.Array(VillageCode, { maxItems: 30, uniqueItems: true })),
        exclude: Type.Optional(Type.Array(VillageCode, { maxItems: 2000, uniqueItems: true })),
        scatteredWeight: Type.Optional(Type.Number({ minimum: 0, maximum: 100, default: 1 })),
        count: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 3 })),
        timeLimitMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 10000, default: 1000 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ scope: Type.String(), timedOut: Type.Boolean({ description: 'the time limit ended the search: the best found so far' }), elapsedMs: Type.Number(), clusters: Type.Array(Cluster) }),
        ...protectedResponses,
      },
    },
  }, async (request) => {
    app.requirePermission(request, 'parks:plan');
    const started = performance.now();
    const b = request.body;
    if (b.scope.length !== 6 && b.scope.length !== 9) throw new BadRequestError(`scope: ${b.scope} must be a county (6 digits) or a township (9 digits)`);
    const include = b.include ?? [];
    const exclude = b.exclude ?? [];
    const weight = b.scatteredWeight ?? 1;
    const problem = await loadParkProblem(app.db, b.scope, { maxVillages: b.maxVillages, maxAreaHa: b.maxAreaHa ?? null, include, exclude, scatteredWeight: weight });
    if (problem.villages.size === 0) throw new BadRequestError(`scope: no villages under ${b.scope}`);
    const outside = include.filter((c) => !problem.villages.has(c));
    if (outside.length) throw new BadRequestError(`include: ${outside.join(', ')} not inside scope ${b.scope}`);
    const both = include.filter((c) => exclude.includes(c));
    if (both.length) throw new BadRequestError(`include, exclude: ${both.join(', ')} both required and excluded`);
    if (include.length > b.maxVillages) throw new BadRequestError(`maxVillages: ${b.maxVillages} is fewer than the ${include.length} required villages`);
    const areas = [...problem.villages.values()].map((v) => v.areaHa);
    if (b.maxAreaHa !== undefined) {
      const smallest = Math.min(...areas);
      if (b.maxAreaHa < smallest) throw new BadRequestError(`maxAreaHa: ${b.maxAreaHa} ha is smaller than the smallest village in ${b.scope} (${smallest.toFixed(1)} ha)`);
      const required = include.reduce((s, c) => s + problem.villages.get(c)!.areaHa, 0);
      if (required > b.maxAreaHa) throw new BadRequestError(`maxAreaHa: the required villages alone cover ${required.toFixed(1)} ha`);
    }
    const result = suggestClusters(problem, { count: b.count ?? 3, deadline: started + (b.timeLimitMs ?? 1000) });
    if (result.clusters.length === 0) throw new BadRequestError('include: the required villages cannot be joined into one contiguous cluster within the limits');
    const best = result.clusters[0];
    return {
      scope: b.scope,
      timedOut: result.timedOut,
      elapsedMs: Math.round(performance.now() - started),
      clusters: result.clusters.map((c, i) => ({
        rank: i + 1, villages: c.codes, score: Math.round(c.score * 100) / 100, areaHa: Math.round(c.areaHa * 10) / 10, areaMu: Math.round(c.areaHa * MU_PER_HA),
        povertyHouseholds: c.povertyHouseholds, scatteredHouseholds: c.scatteredHouseholds, reason: reasonFor(c, i, best, weight),
      })),
    };
  });
};
