import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';
import { INDICATORS } from '../../domain/indicators.ts';
import { CURVES } from '../../domain/plannedCurve.ts';
import { STATUS_THRESHOLDS } from '../../domain/progressStatus.ts';
import { PHASES } from '../../domain/campaignCalendar.ts';

export const indicatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators', {
    schema: {
      summary: 'The indicator catalogue, planned curves, status thresholds and campaign phases',
      tags: ['progress'],
      response: {
        200: Type.Object({
          indicators: Type.Array(Type.Object({
            key: Type.String(), nameZh: Type.String(), nameEn: Type.String(), unit: Type.String(), kind: Type.String(),
            higherIsBetter: Type.Boolean(), computed: Type.String(), curve: Type.Union([Type.String(), Type.Null()]),
            target: Type.Union([Type.Number(), Type.Null()], { description: 'a share indicator\'s target; counts have targets per area' }),
            recordedAt: Type.Union([Type.String(), Type.Null()]),
            projects: Type.Boolean({ description: 'concerns projects, so a specialty filter applies' }),
          })),
          curves: Type.Record(Type.String(), Type.Array(Type.Number())),
          thresholds: Type.Object({ behind: Type.Number(), farBehind: Type.Number(), ahead: Type.Number({ description: 'above this lag share an on-track area is shown as ahead of plan' }) }),
          phases: Type.Array(Type.Object({ key: Type.String(), nameZh: Type.String(), nameEn: Type.String(), startMonth: Type.Integer() })),
        }),
        ...errorResponses,
      },
    },
  }, async () => ({
    indicators: INDICATORS.map((i) => ({
      key: i.key, nameZh: i.nameZh, nameEn: i.nameEn, unit: i.unit, kind: i.kind, higherIsBetter: i.higherIsBetter,
      computed: i.computed, curve: i.curve, target: i.kind === 'share' ? i.target : null, recordedAt: i.recordedAt ?? null, projects: !!i.projects,
    })),
    curves: Object.fromEntries(Object.entries(CURVES).map(([k, v]) => [k, [...v]])),
    thresholds: { ...STATUS_THRESHOLDS },
    phases: PHASES.map((p) => ({ ...p })),
  }));
};
