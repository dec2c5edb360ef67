import type { Queryable } from '../db/openDatabase.ts';
import type { Role } from './access.ts';

export interface SessionRow { id: number; username: string; role: Role; area_code: string; csrf_token: string }

/** The active user of an unexpired session, by the hash of its token. */
export async function findSession(db: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const [row] = await db.query<SessionRow>(
    `SELECT u.id, u.username, u.role, u.area_code, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`, [tokenHash]);
  return row ?? null;
}

/** The label of a display token that is not revoked, by the hash of the token. */
export async function findDisplayToken(db: Queryable, tokenHash: string): Promise<{ label: string } | null> {
  const [row] = await db.query<{ label: string }>('SELECT label FROM display_tokens WHERE token_hash = $1 AND NOT revoked', [tokenHash]);
  return row ?? null;
}

export interface LoginRow { id: number; username: string; password_hash: string; role: string; area_code: string; display_name: string }

/** An active account by user name (names are stored in lower case). */
export async function findActiveUser(db: Queryable, username: string): Promise<LoginRow | null> {
  const [user] = await db.query<LoginRow>(
    'SELECT id, username, password_hash, role, area_code, display_name FROM users WHERE username = $1 AND active', [username.toLowerCase()]);
  return user ?? null;
}

/** Opens a session for `minutes`, and drops the sessions that have expired; returns when it expires. */
export async function openSession(db: Queryable, s: { tokenHash: string; userId: number; csrfToken: string; ip: string; minutes: number }): Promise<string> {
  const [row] = await db.query<{ expires_at: string }>(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, ip, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))
     RETURNING expires_at::text`, [s.tokenHash, s.userId, s.csrfToken, s.ip, s.minutes]);
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  return row.expires_at;
}

export async function closeSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function displayNameOf(db: Queryable, userId: number): Promise<string> {
  const [u] = await db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [userId]);
  return u?.display_name ?? '';
}
