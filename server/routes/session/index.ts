import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../schemas.ts';
import { newToken, UNUSABLE_HASH, verifyPassword } from '../../auth/password.ts';
import { LoginThrottle } from '../../auth/loginThrottle.ts';
import { cookie, hashToken, SESSION_COOKIE } from '../../plugins/auth.ts';
import { TooManyRequestsError, UnauthorizedError } from '../../plugins/errors.ts';
import type { AppConfig } from '../../config.ts';

const User = Type.Object({
  username: Type.String(), role: Type.String(), areaCode: Type.String(), displayName: Type.String(),
});

const WINDOW_MS = 15 * 60 * 1000;

export const sessionRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  const throttle = new LoginThrottle(config.loginAttempts, WINDOW_MS);
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
    const key = `${request.ip}|${username.toLowerCase()}`;
    const wait = throttle.retryAfter(key);
    if (wait > 0) throw new TooManyRequestsError(`too many failed log-ins for ${username}; try again in ${Math.ceil(wait / 60000)} min`, Math.ceil(wait / 1000));
    const [user] = await app.db.query<{ id: number; username: string; password_hash: string; role: string; area_code: string; display_name: string }>(
      'SELECT id, username, password_hash, role, area_code, display_name FROM users WHERE username = $1 AND active', [username.toLowerCase()]);
    // Unknown names cost the same time as wrong passwords.
    const ok = await verifyPassword(password, user?.password_hash ?? UNUSABLE_HASH);
    if (!user || !ok) {
      throttle.fail(key);
      throw new UnauthorizedError('wrong user name or password');
    }
    throttle.succeed(key);
    const token = newToken();
    const csrfToken = newToken();
    const [row] = await app.db.query<{ expires_at: string }>(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, ip, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))
       RETURNING expires_at::text`, [hashToken(token), user.id, csrfToken, request.ip, config.sessionMinutes]);
    await app.db.query('DELETE FROM sessions WHERE expires_at < now()');
    reply.header('set-cookie', setCookie(token, config.sessionMinutes * 60));
    return { user: { username: user.username, role: user.role, areaCode: user.area_code, displayName: user.display_name }, csrfToken, expiresAt: row.expires_at };
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
    const [u] = await app.db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [p.id]);
    return { kind: 'user', user: { username: p.username, role: p.role, areaCode: p.areaCode, displayName: u?.display_name ?? '' }, csrfToken: p.csrfToken };
  });

  app.delete('/api/session', {
    schema: { summary: 'Log out', tags: ['session'], response: { 204: Type.Null(), ...errorResponses, 403: Type.Ref('ErrorResponse') } },
  }, async (request, reply) => {
    const token = cookie(request, SESSION_COOKIE);
    if (token) await app.db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
    reply.header('set-cookie', setCookie('', 0));
    return reply.status(204).send(null);
  });
};

