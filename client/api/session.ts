import { HttpError } from './getJson.ts';
import { urls } from './urls.ts';

/** The signed-in user, as `/api/session` describes them. */
export interface SessionUser {
  username: string;
  role: string;
  areaCode: string;
  displayName: string;
}

export interface Session {
  user: SessionUser | null;
  csrfToken: string | null;
}

/** `GET /api/session`: who the browser is signed in as (the cookie is HTTP-only). */
export async function fetchSession(signal?: AbortSignal): Promise<Session> {
  const response = await fetch(urls.session(), { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`/api/session: HTTP ${response.status}`);
  const body = (await response.json()) as Session;
  return { user: body.user, csrfToken: body.csrfToken };
}

/** `POST /api/session`. A refused log-in throws an `HttpError` with the server's message: 401 wrong name or password, 429 too many tries. */
export async function logIn(username: string, password: string): Promise<Session> {
  const response = await fetch(urls.session(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json().catch(() => ({}))) as { user?: SessionUser; csrfToken?: string; message?: string };
  if (!response.ok || !body.user) throw new HttpError(body.message ?? `HTTP ${response.status}`, response.status);
  return { user: body.user, csrfToken: body.csrfToken ?? null };
}

/** `DELETE /api/session`, with the CSRF token the log-in returned. */
export async function logOut(csrfToken: string | null): Promise<void> {
  await fetch(urls.session(), { method: 'DELETE', headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} });
}
