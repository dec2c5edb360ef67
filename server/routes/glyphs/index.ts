import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/**
 * MapLibre needs a glyphs URL for any text layer, even when it draws Chinese ideographs locally
 * (localIdeographFontFamily). An empty protobuf is a valid empty glyph range, so nothing is
 * fetched from the internet and the browser's font draws the labels.
 */
export const glyphRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/glyphs/:fontstack/:range', {
    schema: {
      hide: true,
      params: Type.Object({ fontstack: Type.String({ maxLength: 200 }), range: Type.String({ pattern: '^[0-9]+-[0-9]+\\.pbf$' }) }),
    },
  }, async (_request, reply) => reply.type('application/x-protobuf').header('cache-control', 'public, max-age=86400').send(Buffer.alloc(0)));
};
