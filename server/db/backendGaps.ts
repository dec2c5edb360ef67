import { BackendGapError } from './errors.ts';
import type { Backend } from './openDatabase.ts';

export interface BackendGap {
  feature: string;
  /** What the embedded PGlite + PostGIS does differently, as measured (test/server/db/backendGaps.test.ts). */
  embedded: string;
  /** What this project does about it. */
  workaround: string;
}

/**
 * Known differences of the embedded backend (PGlite 0.5.8, PostGIS 3.6 in WebAssembly) from a
 * PostgreSQL server with PostGIS. Each is pinned by a test on both backends.
 */
export const EMBEDDED_GAPS = {
  mvt: {
    feature: 'ST_AsMVT, ST_AsMVTGeom, ST_AsGeobuf',
    embedded: 'raise "Compiled without protobuf-c support"',
    workaround: 'vector tiles are cut from the same rows by geojson-vt and written by vt-pbf (server/tiles/tileQueries.ts)',
  },
  makeValid: {
    feature: "ST_MakeValid (default method 'linework')",
    embedded: "on 乐至县's reference polygon the query returns no row at all, with no error",
    workaround: "polygons are repaired in JavaScript before they reach either database; ST_MakeValid(g, 'method=structure') and ST_Buffer(g, 0) do work",
  },
  statementTimeout: {
    feature: 'statement_timeout',
    embedded: 'accepted but not enforced: a long query runs to its end (and blocks the process, PGlite being single-threaded)',
    workaround: 'the timeout is set on every connection and enforced on PostgreSQL; queries are kept bounded by design',
  },
  extensions: {
    feature: 'extensions pgcrypto, pg_trgm, fuzzystrmatch',
    embedded: 'not available',
    workaround: 'not used',
  },
  icuCollations: {
    feature: 'ICU collations (e.g. "zh-x-icu" for pinyin order)',
    embedded: 'do not exist',
    workaround: 'ordering is by code; Chinese text sorts in the client when needed',
  },
  coverageFunctions: {
    feature: 'ST_CoverageUnion, ST_CoverageInvalidEdges (PostGIS ≥ 3.4)',
    embedded: 'exist in the embedded PostGIS 3.6 but not in Debian 12\'s PostGIS 3.3',
    workaround: 'not used, so that both backends run the same SQL',
  },
  lastDigits: {
    feature: 'floating-point results',
    embedded: 'geodesic areas and lengths can differ in the 12th significant digit',
    workaround: 'results are compared after rounding',
  },
} satisfies Record<string, BackendGap>;

export type GapKey = keyof typeof EMBEDDED_GAPS;

/** Refuses, with a message that says why, a feature the embedded backend cannot answer. */
export function assertSupported(backend: Backend, key: GapKey): void {
  if (backend === 'embedded') {
    const gap: BackendGap = EMBEDDED_GAPS[key];
    throw new BackendGapError(`${gap.feature} is not available on the embedded database (it ${gap.embedded}); set DATABASE_URL to a PostgreSQL server with PostGIS`);
  }
}
