/** Fetches a same-origin JSON resource, throwing on a non-2xx answer. `token`: a display token, sent as a bearer. */
export async function getJson<T>(path: string, signal?: AbortSignal, token?: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { signal, headers });
  if (!response.ok) {
    throw new HttpError(`${path}: HTTP ${response.status}`, response.status);
  }
  return (await response.json()) as T;
}

/** A non-2xx answer, with its status. */
export class HttpError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}
