/** The database could not be used as configured; the message says what to do. */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

/** The embedded backend cannot answer this query; the real PostGIS server can. */
export class BackendGapError extends Error {
  override name = 'BackendGapError';
}

/**
 * The embedded PGlite + PostGIS failed inside a query and lost the error (seen with GEOS
 * operations such as ST_Difference and ST_MakeValid on some polygons): the answer is refused
 * rather than passed on as an empty result.
 */
export class LostResultError extends BackendGapError {
  override name = 'LostResultError';
  constructor(sql: string) {
    super(
      `the embedded database failed while evaluating a query and returned no answer (a PGlite/PostGIS defect); ` +
        `this request needs a PostgreSQL server with PostGIS (set DATABASE_URL). Query: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`,
    );
  }
}

/**
 * What a user is told for a database error caused by what they sent (SQLSTATE classes 22 and
 * 23): a message in our words, never PostgreSQL's own text (which names internals and echoes
 * input). Null for errors that are not the user's.
 */
export function userDataMessage(err: { code?: unknown; column?: unknown; constraint?: unknown }): string | null {
  if (typeof err.code !== 'string' || !/^(22|23)/.test(err.code)) return null;
  const where = typeof err.column === 'string' ? ` (${err.column})` : typeof err.constraint === 'string' ? ` (${err.constraint})` : '';
  switch (err.code) {
    case '22007':
    case '22008': return `a date or time is invalid or out of range${where}`;
    case '22021': return `text contains a character that cannot be stored (such as a NUL byte or invalid UTF-8)${where}`;
    case '22001': return `a text value is too long${where}`;
    case '22003': return `a number is out of range${where}`;
    case '22P02': return `a value is not of the expected type${where}`;
    case '22012': return 'a division by zero in the request\'s figures';
    case '23502': return `a required value is missing${where}`;
    case '23503': return `a value refers to a record that does not exist${where}`;
    case '23505': return `a record with the same key already exists${where}`;
    case '23514': return `a value breaks a rule of the data${where}`;
    default: return `the request holds a value the database cannot store (SQLSTATE ${err.code})${where}`;
  }
}

/**
 * The database cannot be reached or is restarting (connection refused or reset, admin shutdown,
 * cannot connect now, class 08): a 503 to retry, not a fault of the request.
 */
export function isDatabaseUnavailable(err: { code?: unknown; message?: unknown }): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  return typeof err.message === 'string' && /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(err.message);
}
