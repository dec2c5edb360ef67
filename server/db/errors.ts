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
