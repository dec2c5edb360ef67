import { createHash, randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dataVersion } from '../audit/auditQueries.ts';

/**
 * The read routes whose answer is a function of the data, of who asks (what they may see) and of
 * the day (a default date), and of nothing else. Not the review: a signed-in meeting's first view
 * of a week is kept (shown_figures) without an audit row, and the review reports it.
 */
export const DATA_ETAG_ROUTES: ReadonlySet<string> = new Set([
  '/api/summary', '/api/progress', '/api/progress/scale', '/api/progress/:code/history', '/api/lagging',
  '/api/areas', '/api/areas/:code', '/api/areas/:code/contents', '/api/households/layer', '/api/households/grid',
  '/api/projects', '/api/parks', '/api/search', '/api/indicators', '/api/specialties',
  '/tiles/:sources/:z/:x/:y.pbf',
]);

/**
 * Routes whose own query also reads the data version (DATA_VERSION_SQL), in the same snapshot as
 * the answer: asked without If-None-Match, they skip the separate version query and tag the
 * answer with `reply.tagData(version)`. A vector tile is a few milliseconds of SQL; the version
 * query was a quarter of it.
 */
export const VERSION_IN_ANSWER_ROUTES: ReadonlySet<string> = new Set(['/tiles/:sources/:z/:x/:y.pbf']);

declare module 'fastify' {
  interface FastifyReply {
    /** Sets the ETag of an answer whose data version the handler read itself (VERSION_IN_ANSWER_ROUTES). */
    tagData(version: string): FastifyReply;
  }
  interface FastifyRequest {
    /** The handler reads the data version with its answer and tags it (no If-None-Match was sent). */
    versionInAnswer: boolean;
  }
}

/**
 * Whether an If-None-Match header names `tag` (a list of tags). `*` matches nothing: the 304 is
 * decided before the handler's own checks, and only a tag this server gave for this URL, caller,
 * day and data version (to a 200) stands for an answer; `*` would turn a refusal into a 304.
 */
export function etagMatches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const s = t.trim();
    return s === tag || s.replace(/^W\//, '') === tag.replace(/^W\//, '');
  });
}

/**
 * ETag and 304 on the data routes, keyed by the data version: every edit and import writes an
 * audit row and a dataset load rewrites the dataset row, so an unchanged version means an
 * unchanged answer to the same URL for the same caller on the same day, from the same process.
 * The tag is checked before the handler: a screen polling an unchanged answer costs one small
 * query, not the answer's. A first request to a VERSION_IN_ANSWER_ROUTES route is tagged by its
 * handler instead.
 */
export const dataEtagPlugin = fp(
  async (app: FastifyInstance) => {
    // New with every start: a new deployment, root area or small-count floor answers differently
    // on the same data, so no tag outlives the process that made it.
    const started = randomUUID();
    const tagOf = (request: FastifyRequest, version: string) => {
      const p = request.principal;
      const who = p.kind === 'user' ? `user ${p.id}` : p.kind === 'display' ? `display ${p.label}` : 'public';
      const today = new Date().toISOString().slice(0, 10);
      // The URL too: a tag stands for one answer, never for a refusal of another question.
      const key = [started, version, who, today, request.url].join('\n');
      return `W/"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
    };
    app.decorateRequest('versionInAnswer', false);
    app.decorateReply('tagData', function (this: FastifyReply, version: string) {
      return this.header('etag', tagOf(this.request, version));
    });
    app.addHook('preHandler', async (request, reply) => {
      const route = request.routeOptions.url ?? '';
      if (request.method !== 'GET' || !DATA_ETAG_ROUTES.has(route)) return;
      // Stored, but asked again every time: the tag answers whether it still holds.
      reply.header('cache-control', 'private, no-cache');
      reply.header('vary', 'cookie, authorization');
      const asked = request.headers['if-none-match'];
      if (!asked && VERSION_IN_ANSWER_ROUTES.has(route)) {
        request.versionInAnswer = true;
        return;
      }
      const tag = tagOf(request, await dataVersion(app.db));
      reply.header('etag', tag);
      if (etagMatches(asked, tag)) return reply.code(304).send();
    });
    // A refusal carries no tag: only an answer is worth asking after.
    app.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode >= 400 && (reply.hasHeader('etag') || request.versionInAnswer)) {
        reply.removeHeader('etag');
        reply.removeHeader('cache-control');
      }
      return payload;
    });
  },
  { name: 'data-etag', dependencies: ['database'] },
);
