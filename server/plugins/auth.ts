import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.ts';
import { can, inScope, minHouseholdsFor, type Permission, type Principal } from '../auth/access.ts';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';
import { hashToken } from '../auth/password.ts';
import { findDisplayToken, findSession } from '../auth/sessionQueries.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** Aggregates over fewer households are hidden from this caller; null: nothing is hidden. */
    minHouseholds: number | null;
  }
  interface FastifyInstance {
    /** Throws 401/403 unless the caller may do this (and, with `areaCode`, inside their area). */
    /** An account with the permission (or any of several) and, given an area code, whose area holds it; else 401/403. */
    requirePermission(request: FastifyRequest, permission: Permission | readonly Permission[], areaCode?: string): Extract<Principal, { kind: 'user' }>;
  }
}

export const SESSION_COOKIE = 'cm_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A cookie's value; null when absent or not decodable (`%ff` is no session, not a server fault). */
export function cookie(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Who is asking: a session cookie (a user), a display token (a wall screen, aggregates only), or
 * nobody. State-changing requests with a session must carry its CSRF token in x-csrf-token.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, { config }: { config: AppConfig }) => {
    app.decorateRequest('principal', null as never);
    app.decorateRequest('minHouseholds', null);
    app.addHook('onRequest', async (request) => {
      request.principal = { kind: 'anonymous' };
      request.minHouseholds = config.minAggregateHouseholds;
      const path = request.url.split('?')[0];
      // The page and its assets are public: only the API and the tiles look at credentials (so a
      // wall link with a revoked token still loads, and says so).
      if (!path.startsWith('/api/') && !path.startsWith('/tiles/')) return;
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const displayParam = (request.query as Record<string, unknown> | undefined)?.display;
      const displayToken = bearer ?? (typeof displayParam === 'string' ? displayParam : null);
      const sessionToken = cookie(request, SESSION_COOKIE);
      if (sessionToken) {
        const row = await findSession(app.db, hashToken(sessionToken));
        if (row) request.principal = { kind: 'user', id: row.id, username: row.username, role: row.role, areaCode: row.area_code, csrfToken: row.csrf_token };
      } else if (displayToken) {
        const row = await findDisplayToken(app.db, hashToken(displayToken));
        if (!row) throw new UnauthorizedError('the display token is not valid');
        request.principal = { kind: 'display', label: row.label };
      }
      request.minHouseholds = minHouseholdsFor(request.principal, config.minAggregateHouseholds);
      // Logging in needs no token yet; everything else that changes state does.
      const login = request.method === 'POST' && path === '/api/session';
      if (UNSAFE.has(request.method) && request.principal.kind === 'user' && !login) {
        if (request.headers['x-csrf-token'] !== request.principal.csrfToken) {
          throw new ForbiddenError('missing or wrong x-csrf-token header (from the log-in response or GET /api/session)');
        }
      }
    });
    app.decorate('requirePermission', (request: FastifyRequest, permission: Permission | readonly Permission[], areaCode?: string) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new UnauthorizedError('log in first: this needs an account');
      const anyOf = typeof permission === 'string' ? [permission] : permission;
      if (!anyOf.some((x) => can(p, x))) throw new ForbiddenError(`the ${p.role} role may not do this (${anyOf.join(' or ')})`);
      if (areaCode !== undefined && !inScope(p, areaCode)) throw new ForbiddenError(`${areaCode} is outside your area ${p.areaCode}`);
      return p;
    });
  },
  { name: 'auth', dependencies: ['database'] },
);
