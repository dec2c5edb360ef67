import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/**
 * Empty glyph ranges for a style that names this app's glyphs URL. The app's own style has none
 * (client/map/createMapStyle.ts): MapLibre draws every glyph, Latin and Chinese, from the
 * self-hosted font. An empty protobuf is a valid empty glyph range, so nothing is fetched from the
 * internet.
 */
export const glyphRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/glyphs/:fontstack/:range', {
    schema: {
      hide: true,
      params: Type.Object({ fontstack: Type.String({ maxLength: 200 }), range: Type.String({ pattern: '^[0-9]+-[0-9]+\\.pbf$' }) }),
    },
  }, async (_request, reply) => reply.type('application/x-protobuf').header('cache-control', 'public, max-age=86400').send(Buffer.alloc(0)));
};
