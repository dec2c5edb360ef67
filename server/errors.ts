/**
 * The errors that services and routes throw, with no web import: plugins/errors.ts alone turns
 * them into status codes, so a service can be called from a script or a test without Fastify.
 */

/** A request named something that does not exist. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A request was well-formed but its content cannot be accepted; the message says why. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

/** No valid session or token for a route that needs one. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

/** The caller is known but their role or area does not allow this. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** The record changed since the version the edit was based on; `current` is what it is now. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  constructor(message: string, public readonly current: unknown) {
    super(message);
  }
}

/** The request is well-formed but breaks a rule; `reasons` says which. */
export class RuleError extends Error {
  override name = 'RuleError';
  constructor(message: string, public readonly reasons: string[]) {
    super(message);
  }
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends Error {
  override name = 'TooManyRequestsError';
  constructor(message: string, public readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** SQLSTATE of a statement cancelled by statement_timeout (query_canceled). */
export const QUERY_CANCELED = '57014';

/** A statement ran past STATEMENT_TIMEOUT_MS and the database cancelled it. */
export class StatementTimeoutError extends Error {
  override name = 'StatementTimeoutError';
  constructor(public readonly timeoutMs: number) {
    super(`the query took longer than STATEMENT_TIMEOUT_MS (${timeoutMs} ms); narrow the request or raise the limit`);
  }
}

/** A database error with SQLSTATE 57014: cancelled, here always by statement_timeout (no one else cancels). */
export function isStatementTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === QUERY_CANCELED;
}
