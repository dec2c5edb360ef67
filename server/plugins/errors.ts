import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { BackendGapError, isDatabaseUnavailable, userDataMessage } from '../db/errors.ts';
import {
  BadRequestError, ConflictError, ForbiddenError, isStatementTimeout, NotFoundError, RuleError, StatementTimeoutError, TooManyRequestsError, UnauthorizedError,
} from '../errors.ts';

/** Seconds a client is told to wait when the database is away (a restart takes a few). */
const RETRY_AFTER_S = 5;

/** The one place where errors become status codes; 5xx details stay in the log. */
export const errorsPlugin = fp(
  async (app: FastifyInstance, { statementTimeoutMs }: { statementTimeoutMs: number }) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err.validation) {
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: err.message });
      }
      if (err instanceof NotFoundError) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: err.message });
      if (err instanceof UnauthorizedError) return reply.status(401).send({ statusCode: 401, error: 'Unauthorized', message: err.message });
      if (err instanceof ForbiddenError) return reply.status(403).send({ statusCode: 403, error: 'Forbidden', message: err.message });
      if (err instanceof ConflictError) return reply.status(409).send({ statusCode: 409, error: 'Conflict', message: err.message, current: err.current });
      if (err instanceof RuleError) return reply.status(422).send({ statusCode: 422, error: 'Unprocessable Entity', message: err.message, reasons: err.reasons });
      if (err instanceof TooManyRequestsError) {
        return reply.status(429).header('retry-after', String(err.retryAfterSeconds)).send({ statusCode: 429, error: 'Too Many Requests', message: err.message });
      }
      if (err instanceof BadRequestError) return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: err.message });
      // Postgres classes 22 (data exception) and 23 (integrity) come from what the user sent.
      const dataMessage = userDataMessage(err);
      if (dataMessage) {
        request.log.info({ err }, 'refused by the database');
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: dataMessage });
      }
      if (isDatabaseUnavailable(err)) {
        request.log.warn({ err }, 'database unavailable');
        return reply.status(503).header('retry-after', String(RETRY_AFTER_S))
          .send({ statusCode: 503, error: 'Service Unavailable', message: `the database is unavailable (restarting or unreachable); retry in ${RETRY_AFTER_S} s` });
      }
      // A cancelled statement is the server's limit, not a fault: 503 with what to do about it.
      if (err instanceof StatementTimeoutError || isStatementTimeout(err)) {
        const timeout = err instanceof StatementTimeoutError ? err : new StatementTimeoutError(statementTimeoutMs);
        request.log.warn({ err }, 'statement timeout');
        return reply.status(503).send({ statusCode: 503, error: 'Service Unavailable', message: timeout.message });
      }
      if (err instanceof BackendGapError) {
        return reply.status(501).send({ statusCode: 501, error: 'Not Implemented', message: err.message });
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status < 500) return reply.status(status).send({ statusCode: status, error: err.name, message: err.message });
      request.log.error({ err }, 'request failed');
      return reply.status(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    });
  },
  { name: 'errors' },
);
