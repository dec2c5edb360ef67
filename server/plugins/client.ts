import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built client, with index.html for the client's own routes; JSON 404s under /api. */
export const clientPlugin = fp(
  async (app: FastifyInstance, opts: { clientDir: string | null }) => {
    const dir = opts.clientDir && existsSync(join(opts.clientDir, 'index.html')) ? opts.clientDir : null;
    if (dir) {
      // preCompressed: the build writes .br and .gz beside each file (scripts/precompress.ts).
      await app.register(fastifyStatic, { root: dir, wildcard: false, index: ['index.html'], maxAge: '1h', preCompressed: true });
    } else if (opts.clientDir) {
      app.log.warn(`no built client in ${opts.clientDir}: run "npm run build" (npm start does it)`);
    }
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0];
      if (dir && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/tiles/') && !/\.[a-z0-9]+$/i.test(path)) {
        return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
      }
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${path}` });
    });
  },
  { name: 'client' },
);
