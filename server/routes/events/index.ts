import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { errorResponses } from '../../schemas.ts';
import type { AppConfig } from '../../config.ts';

const KEEPALIVE_MS = 15_000;

/**
 * `GET /api/events`: a Server-Sent Events stream that says when the data changed, so that wall
 * screens refetch their aggregates without a reload. It carries no data itself, only the version.
 */
export const eventRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  const open = new Set<ServerResponse>();
  const byAddress = new Map<string, number>();
  const limits = config.eventStreams;
  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
    open.clear();
  });

  app.get('/api/events', {
    schema: {
      summary: 'Server-Sent Events: `change` with the new data version whenever an edit or an import lands (aggregates only; no data in the stream)',
      tags: ['live'],
      querystring: Type.Object({ display: Type.Optional(Type.String({ description: 'a display token (EventSource cannot send headers)' })) }, { additionalProperties: false }),
      response: { 200: Type.String({ description: 'text/event-stream' }), ...errorResponses },
    },
  }, async (request, reply) => {
    // Each stream holds a socket for hours: a cap in all and per address keeps a flood out.
    const fromHere = byAddress.get(request.ip) ?? 0;
    if (open.size >= limits.total || fromHere >= limits.perAddress) {
      const which = open.size >= limits.total ? `${limits.total} in all (EVENT_STREAMS_MAX)` : `${limits.perAddress} from one address (EVENT_STREAMS_PER_ADDRESS)`;
      return reply.status(503).header('retry-after', '30').send({ statusCode: 503, error: 'Service Unavailable', message: `too many live event streams open: at most ${which}; retry later` });
    }
    byAddress.set(request.ip, fromHere + 1);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    raw.write('retry: 3000\n\n');
    send('hello', { version: app.changes.version() });
    const unsubscribe = app.changes.subscribe((version) => send('change', { version }));
    const keepalive = setInterval(() => raw.write(': keep-alive\n\n'), KEEPALIVE_MS);
    open.add(raw);
    request.raw.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      open.delete(raw);
      const left = (byAddress.get(request.ip) ?? 1) - 1;
      if (left > 0) byAddress.set(request.ip, left);
      else byAddress.delete(request.ip);
    });
  });
};
