import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/openDatabase.ts';
import type { EmbeddedServer } from '../../server/db/startEmbedded.ts';
import { spatialReport, type SpatialReport } from '../helpers/spatialChecks.ts';
import { startPreparedEmbedded } from '../helpers/preparedEmbedded.ts';

// Tolerances of the shipped partition (data/README.md): below these it is floating-point noise.
const MAX_OVERLAP_M2 = 1;
const MAX_GAP_M2 = 1;
const MAX_AREA_SUM_ERROR = 1e-6;

describe('spatial conformance of the shipped data', () => {
  let db: Database;
  let report: SpatialReport;
  beforeAll(async () => {
    db = await openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: '', statementTimeoutMs: 120000 });
    report = await spatialReport(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('has the real hierarchy: 1 city, 3 counties, 90 townships, 1,230 villages and communities', () => {
    expect(report.countsByLevel).toEqual({ city: 1, county: 3, township: 90, village: 1230 });
    expect(report.invalidGeometries).toBe(0);
  });

  it('nests: every area inside its parent, children tiling it without gaps or overlaps', () => {
    expect(report.nestingViolations).toEqual([]);
    for (const level of ['county', 'township', 'village']) {
      expect(report.overlapM2[level] ?? 0, `overlap at ${level} level`).toBeLessThanOrEqual(MAX_OVERLAP_M2);
      expect(report.gapM2[level] ?? 0, `gap under ${level} parents`).toBeLessThanOrEqual(MAX_GAP_M2);
    }
    expect(report.maxAreaSumError).toBeLessThanOrEqual(MAX_AREA_SUM_ERROR);
  });

  it('keeps the real county areas and their shared borders', () => {
    const expected: Record<string, number> = { 雁江区: 1636, 安岳县: 2693, 乐至县: 1428 };
    for (const [name, km2] of Object.entries(expected)) {
      expect(Math.abs(report.countyAreaKm2[name] - km2) / km2, name).toBeLessThan(0.01);
    }
    const borders: Record<string, number> = { '雁江区–安岳县': 11, '雁江区–乐至县': 54, '安岳县–乐至县': 77 };
    for (const [pair, km] of Object.entries(borders)) {
      expect(Math.abs(report.countyBordersKm[pair] - km) / km, pair).toBeLessThan(0.15);
    }
  });

  // With DATABASE_URL set the suite runs on PostGIS; then the embedded backend must agree with it.
  it.runIf(inject('backend') === 'postgres')('gives the same answers on the embedded backend as on PostGIS', async () => {
    let embedded: EmbeddedServer | null = null;
    let other: Database | null = null;
    try {
      embedded = await startPreparedEmbedded();
      other = await openDatabase({ databaseUrl: embedded.url, dataDir: '', statementTimeoutMs: 120000 });
      expect(other.backend).toBe('embedded');
      expect(await spatialReport(other)).toEqual(report);
    } finally {
      await other?.close();
      await embedded?.stop();
    }
  }, 300000);
});
