import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.ts';

/** The origin of the optional online basemap's tiles, which the map may then fetch. */
function basemapOrigin(config: AppConfig): string[] {
  if (!config.basemap) return [];
  try {
    return [new URL(config.basemap.tiles.replace(/\{[a-z]\}/g, '0')).origin];
  } catch {
    return [];
  }
}

/**
 * Security headers on every answer (helmet). The policy lets only this server's scripts run,
 * and lets MapLibre start its workers from blob: URLs; `no-referrer` keeps a wall's display token
 * (in its URL) from leaking to other sites. No HSTS or upgrade of requests: offices often serve
 * plain HTTP on their own network, and upgrading would break every request there.
 */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, { config }: { config: AppConfig }) => {
  const tiles = basemapOrigin(config);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and MapLibre set style attributes; no script can come in through a style.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...tiles],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...tiles],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 15552000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
}, { name: 'security-headers' });
