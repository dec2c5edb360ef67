import { createHash, randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { dataVersion } from '../audit/auditQueries.ts';

/**
 * The read routes whose answer is a function of the data, of who asks (what they may see) and of
 * the day (a default date), and of nothing else. Not the review: a signed-in meeting's first view
 * of a week is kept (shown_figures) without an audit row, and the review reports it.
 */
export const DATA_ETAG_ROUTES: ReadonlySet<string> = new Set([
  '/api/summary', '/api/progress', '/api/progress/scale', '/api/progress/:code/history', '/api/lagging',
  '/api/areas', '/api/areas/:code', '/api/areas/:code/contents', '/api/households/layer',
  '/api/projects', '/api/parks', '/api/search', '/api/indicators', '/api/specialties',
  '/tiles/:sources/:z/:x/:y.pbf', '/tiles/:sources.json',
]);

/** Whether an If-None-Match header names `tag` (a list, or *). */
export function etagMatches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const s = t.trim();
    return s === '*' || s === tag || s.replace(/^W\//, '') === tag.replace(/^W\//, '');
  });
}

/**
 * ETag and 304 on the data routes, keyed by the data version: every edit and import writes an
 * audit row and a dataset load rewrites the dataset row, so an unchanged version means an
 * unchanged answer to the same URL for the same caller on the same day, from the same process.
 * The tag is checked before the handler: a screen polling an unchanged answer costs one small
 * query, not the answer's.
 */
export const dataEtagPlugin = fp(
  async (app: FastifyInstance) => {
    // New with every start: a new deployment, root area or small-count floor answers differently
    // on the same data, so no tag outlives the process that made it.
    const started = randomUUID();
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'GET' || !DATA_ETAG_ROUTES.has(request.routeOptions.url ?? '')) return;
      const p = request.principal;
      const who = p.kind === 'user' ? `user ${p.id}` : p.kind === 'display' ? `display ${p.label}` : 'public';
      const today = new Date().toISOString().slice(0, 10);
      // The URL too: a tag stands for one answer, never for a refusal of another question.
      const key = [started, await dataVersion(app.db), who, today, request.url].join('\n');
      const tag = `W/"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
      reply.header('etag', tag);
      // Stored, but asked again every time: the tag answers whether it still holds.
      reply.header('cache-control', 'private, no-cache');
      reply.header('vary', 'cookie, authorization');
      if (etagMatches(request.headers['if-none-match'], tag)) return reply.code(304).send();
    });
    // A refusal carries no tag: only an answer is worth asking after.
    app.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode >= 400 && reply.hasHeader('etag')) {
        reply.removeHeader('etag');
        reply.removeHeader('cache-control');
      }
      return payload;
    });
  },
  { name: 'data-etag', dependencies: ['database'] },
);
