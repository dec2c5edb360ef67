import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaLevel, errorResponses } from '../../schemas.ts';
import type { AppConfig } from '../../config.ts';

/** What the client needs of the server's configuration: the optional online basemap and the root area. */
export const settingsRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  app.get('/api/settings', {
    schema: {
      summary: 'Client settings: the online basemap, if one is configured (off by default: the map is offline), and the root area the app opens on (ROOT_AREA)',
      tags: ['settings'],
      response: {
        200: Type.Object({
          basemap: Type.Union([Type.Object({ tiles: Type.String(), attribution: Type.String() }), Type.Null()]),
          root: Type.Union([Type.Object({ code: Type.String(), level: AreaLevel, name: Type.String() }), Type.Null()], { description: 'the area the app opens on; null without data' }),
        }),
        ...errorResponses,
      },
    },
  }, async () => ({ basemap: config.basemap, root: app.root }));
};
