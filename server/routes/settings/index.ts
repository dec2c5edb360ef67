import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';
import type { AppConfig } from '../../config.ts';

/** What the client needs of the server's configuration: today, the optional online basemap. */
export const settingsRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  app.get('/api/settings', {
    schema: {
      summary: 'Client settings: the online basemap, if one is configured (off by default: the map is offline)',
      tags: ['settings'],
      response: {
        200: Type.Object({
          basemap: Type.Union([Type.Object({ tiles: Type.String(), attribution: Type.String() }), Type.Null()]),
        }),
        ...errorResponses,
      },
    },
  }, async () => ({ basemap: config.basemap }));
};
