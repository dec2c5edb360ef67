import { HttpError } from './getJson.ts';

/** Sends JSON with the session's CSRF token; throws with the server's message on a non-2xx answer. */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown, csrfToken: string | null): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok) throw new HttpError(answer.message ?? `${path}: HTTP ${response.status}`, response.status);
  return answer;
}
