import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreaLevel, errorResponses } from '../../schemas.ts';
import type { AppConfig } from '../../config.ts';
import { areaBbox } from '../../areas/areaQueries.ts';
import { placeNameEn } from '../../domain/placeNames.ts';

/** What the client needs of the server's configuration: the optional online basemap and the root area. */
export const settingsRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  app.get('/api/settings', {
    schema: {
      summary: 'Client settings: the online basemap, if one is configured (off by default: the map is offline), and the root area the app opens on (ROOT_AREA)',
      tags: ['settings'],
      response: {
        200: Type.Object({
          basemap: Type.Union([Type.Object({ tiles: Type.String(), attribution: Type.String() }), Type.Null()]),
          root: Type.Union([Type.Object({
            code: Type.String(), level: AreaLevel, name: Type.String(), nameEn: Type.String({ description: 'English name (pinyin)' }),
            bbox: Type.Union([Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }), Type.Null()], { description: 'the root\'s bounds [west, south, east, north]: where the map opens' }),
          }), Type.Null()], { description: 'the area the app opens on; null without data' }),
        }),
        ...errorResponses,
      },
    },
  }, async () => ({ basemap: config.basemap, root: app.root ? { ...app.root, nameEn: placeNameEn(app.root.name, app.root.level), bbox: await areaBbox(app.db, app.root.code) } : null }));
};
