import Fastify, { type FastifyInstance } from 'fastify';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppConfig } from './config.ts';
import { databasePlugin } from './plugins/database.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { securityHeadersPlugin } from './plugins/securityHeaders.ts';
import { clientPlugin } from './plugins/client.ts';
import { ErrorResponse } from './schemas.ts';
import { healthRoutes } from './routes/health/index.ts';
import { areaRoutes } from './routes/areas/index.ts';
import { settingsRoutes } from './routes/settings/index.ts';
import { eventRoutes } from './routes/events/index.ts';
import { proposalRoutes } from './routes/proposals/index.ts';
import { reviewRoutes } from './routes/review/index.ts';
import { problemRoutes } from './routes/problems/index.ts';
import { taskRoutes } from './routes/tasks/index.ts';
import { changeFeedPlugin } from './plugins/changeFeed.ts';
import { dataEtagPlugin } from './plugins/dataEtag.ts';
import { glyphRoutes } from './routes/glyphs/index.ts';
import { tileRoutes } from './routes/tiles/index.ts';
import { progressRoutes } from './routes/progress/index.ts';
import { laggingRoutes } from './routes/lagging/index.ts';
import { summaryRoutes } from './routes/summary/index.ts';
import { indicatorRoutes } from './routes/indicators/index.ts';
import { IndicatorValueSchema } from './routes/progressParams.ts';
import { authPlugin } from './plugins/auth.ts';
import { sessionRoutes } from './routes/session/index.ts';
import { householdRoutes } from './routes/households/index.ts';
import { userRoutes } from './routes/users/index.ts';
import { targetRoutes } from './routes/targets/index.ts';
import { auditRoutes } from './routes/audit/index.ts';
import { integrityRoutes } from './routes/integrity/index.ts';
import { parkRoutes } from './routes/parks/index.ts';
import { projectRoutes } from './routes/projects/index.ts';
import { searchRoutes } from './routes/search/index.ts';
import { specialtyRoutes } from './routes/specialties/index.ts';

/** Builds the app without listening, so tests can `inject` requests. */
export async function buildApp(config: AppConfig, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Household edits and log-ins are small: a larger body is refused with 413.
    bodyLimit: 256 * 1024,
    logger: options.logger === false ? false : { level: config.logLevel },
    // The first start creates the embedded database and loads the dataset: minutes, not seconds.
    pluginTimeout: 600_000,
    // Behind a reverse proxy every client would share the proxy's address (log-in throttling).
    trustProxy: config.trustProxy,
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ErrorResponse);
  app.addSchema(IndicatorValueSchema);
  await app.register(errorsPlugin, { statementTimeoutMs: config.statementTimeoutMs });
  await app.register(securityHeadersPlugin, { config });
  // br or gzip, as the client accepts, for every answer above 1 KB (the village boundaries shrink
  // about 7×). Brotli at quality 5, not the default 11: a 3 MB answer compresses in tens of
  // milliseconds instead of seconds, for a few per cent more bytes.
  await app.register(compress, {
    global: true, threshold: 1024, encodings: ['br', 'gzip'],
    // The plugin's default types, and vector tiles, which mime-db does not call compressible.
    customTypes: /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|(?:\+|\/)text(?:;|$)|(?:\+|\/)xml(?:;|$)|octet-stream(?:;|$)|^application\/vnd\.mapbox-vector-tile/u,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } }, zlibOptions: { level: 6 },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '攻坚图 · Campaign Map API', description: 'Progress of the targeted poverty-alleviation campaign by area', version: '0.1.0' },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(databasePlugin, { config });
  await app.register(authPlugin, { config });
  await app.register(changeFeedPlugin, { config });
  await app.register(dataEtagPlugin);
  await app.register(sessionRoutes, { config });
  await app.register(householdRoutes);
  await app.register(parkRoutes);
  await app.register(proposalRoutes);
  await app.register(projectRoutes);
  await app.register(searchRoutes);
  await app.register(specialtyRoutes);
  await app.register(userRoutes);
  await app.register(targetRoutes);
  await app.register(auditRoutes);
  await app.register(integrityRoutes);
  await app.register(healthRoutes);
  await app.register(areaRoutes);
  await app.register(settingsRoutes, { config });
  await app.register(eventRoutes, { config });
  await app.register(glyphRoutes);
  await app.register(tileRoutes);
  await app.register(indicatorRoutes);
  await app.register(progressRoutes);
  await app.register(laggingRoutes);
  await app.register(reviewRoutes);
  await app.register(problemRoutes);
  await app.register(taskRoutes);
  await app.register(summaryRoutes);
  await app.register(clientPlugin, { clientDir: config.clientDir });
  return app;
}
