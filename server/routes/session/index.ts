import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';
import { hashToken, newToken, UNUSABLE_HASH, verifyPassword } from '../../auth/password.ts';
import { closeSession, displayNameOf, findActiveUser, openSession } from '../../auth/sessionQueries.ts';
import { LoginThrottle } from '../../auth/loginThrottle.ts';
import { cookie, SESSION_COOKIE } from '../../plugins/auth.ts';
import { TooManyRequestsError, UnauthorizedError } from '../../errors.ts';
import type { AppConfig } from '../../config.ts';

const User = Type.Object({
  username: Type.String(), role: Type.String(), areaCode: Type.String(), displayName: Type.String(),
});

const WINDOW_MS = 15 * 60 * 1000;
/** An account's delay after its free attempts: 1 s, doubling, never more than a minute. */
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60_000;

export const sessionRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  const throttle = new LoginThrottle({
    freeAttempts: config.loginAttempts, baseDelayMs: BASE_DELAY_MS, maxDelayMs: MAX_DELAY_MS, perAddress: config.loginAddressAttempts, windowMs: WINDOW_MS,
  });
  const setCookie = (value: string, maxAge: number) =>
    `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${config.cookieSecure ? '; Secure' : ''}`;

  app.post('/api/session', {
    schema: {
      summary: 'Log in: sets an HTTP-only session cookie and returns the CSRF token for later changes',
      tags: ['session'],
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ user: User, csrfToken: Type.String(), expiresAt: Type.String() }),
        401: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse'), ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const account = username.toLowerCase();
    // request.ip is the client's address behind a trusted proxy (TRUST_PROXY), else the peer's.
    const { waitMs, reason } = throttle.retryAfter(account, request.ip);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new TooManyRequestsError(reason === 'address'
        ? `too many failed log-ins from this address; try again in ${Math.ceil(seconds / 60)} min`
        : `too many failed log-ins for ${username}; try again in ${seconds} s`, seconds);
    }
    const user = await findActiveUser(app.db, username);
    // Unknown names cost the same time as wrong passwords.
    const ok = await verifyPassword(password, user?.password_hash ?? UNUSABLE_HASH);
    if (!user || !ok) {
      throttle.fail(account, request.ip);
      throw new UnauthorizedError('wrong user name or password');
    }
    throttle.succeed(account);
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = await openSession(app.db, { tokenHash: hashToken(token), userId: user.id, csrfToken, ip: request.ip, minutes: config.sessionMinutes });
    reply.header('set-cookie', setCookie(token, config.sessionMinutes * 60));
    return { user: { username: user.username, role: user.role, areaCode: user.area_code, displayName: user.display_name }, csrfToken, expiresAt };
  });

  app.get('/api/session', {
    schema: {
      summary: 'Who is asking: the logged-in user with the CSRF token, a display token, or nobody',
      tags: ['session'],
      response: {
        200: Type.Object({ kind: Type.String(), user: Type.Union([User, Type.Null()]), csrfToken: Type.Union([Type.String(), Type.Null()]) }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const p = request.principal;
    if (p.kind !== 'user') return { kind: p.kind, user: null, csrfToken: null };
    const displayName = await displayNameOf(app.db, p.id);
    return { kind: 'user', user: { username: p.username, role: p.role, areaCode: p.areaCode, displayName }, csrfToken: p.csrfToken };
  });

  app.delete('/api/session', {
    schema: { summary: 'Log out', tags: ['session'], response: { 204: Type.Null(), ...errorResponses, 403: Type.Ref('ErrorResponse') } },
  }, async (request, reply) => {
    const token = cookie(request, SESSION_COOKIE);
    if (token) await closeSession(app.db, hashToken(token));
    reply.header('set-cookie', setCookie('', 0));
    return reply.status(204).send(null);
  });
};

