import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { assertSupported } from '../../../server/db/backendGaps.ts';
import { BackendGapError, LostResultError } from '../../../server/db/errors.ts';
import { openDatabase } from '../../../server/db/openDatabase.ts';
import { repoRoot } from '../../helpers/testConfig.ts';

// Each known gap of the embedded backend, pinned: if PGlite fixes one, or PostGIS changes, a test says so.
const embedded = inject('backend') === 'embedded';
const lezhi = JSON.stringify(
  (JSON.parse(readFileSync(join(repoRoot, 'data/reference/ziyang-counties.geojson'), 'utf8')).features as { properties: { name: string }; geometry: unknown }[])
    .find((f) => f.properties.name === '乐至县')!.geometry,
);

describe(`backend gaps (${inject('backend')})`, () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject('databaseUrl') });
    client.on('error', () => {});
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('ST_AsMVTGeom: protobuf support', async () => {
    const q = client.query(`SELECT ST_AsMVTGeom(ST_MakePoint(0.5, 0.5), ST_MakeEnvelope(0, 0, 1, 1)) AS g`);
    if (embedded) await expect(q).rejects.toThrow(/protobuf/);
    else expect((await q).rows).toHaveLength(1);
  });

  it("ST_MakeValid on 乐至县's reference polygon", async () => {
    const { rows } = await client.query(
      `SELECT ST_IsEmpty(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))) AS empty`, [lezhi]);
    // The embedded backend drops the row silently: this is why polygons are repaired in JavaScript.
    expect(rows).toHaveLength(embedded ? 0 : 1);
    const structure = await client.query(
      `SELECT ST_Area(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), 'method=structure')::geography) / 1e6 AS km2`, [lezhi]);
    expect(structure.rows[0].km2).toBeCloseTo(1427.87, 1);
  });

  it('statement_timeout', async () => {
    await client.query('SET statement_timeout = 100');
    const q = client.query('SELECT pg_sleep(0.4)');
    if (embedded) await expect(q).resolves.toBeTruthy();
    else await expect(q).rejects.toThrow(/statement timeout/);
    await client.query('SET statement_timeout = 0');
  });

  it('pgcrypto', async () => {
    const q = client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto'`);
    expect((await q).rows).toHaveLength(embedded ? 0 : 1);
  });

  it('ICU collation zh-x-icu', async () => {
    const { rows } = await client.query(`SELECT 1 FROM pg_collation WHERE collname = 'zh-x-icu'`);
    expect(rows).toHaveLength(embedded ? 0 : 1);
  });

  it('a GEOS failure that the embedded backend loses becomes an error, and the next query works', async () => {
    const db = await openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: '', statementTimeoutMs: 60000 });
    try {
      // Parent minus the union of its children, over all parents: one row, always.
      const q = db.query<{ n: number }>(`SELECT count(*)::int AS n, sum(ST_NPoints(ST_Difference(p.geom, c.u)))::int AS points
        FROM (SELECT parent_code, ST_Union(geom) AS u FROM areas WHERE parent_code IS NOT NULL GROUP BY parent_code) c
        JOIN areas p ON p.code = c.parent_code`);
      if (embedded) {
        await expect(q).rejects.toThrow(LostResultError);
        await expect(q).rejects.toThrow(/DATABASE_URL/);
      } else {
        expect((await q)[0].n).toBe(94);
      }
      expect(await db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      // A transaction that hits it is rolled back whole.
      const tx = db.transaction(async (t) => {
        await t.query(`UPDATE areas SET name = name || 'x' WHERE code = '512002'`);
        await t.query(`SELECT ST_IsEmpty(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))) AS e`, [lezhi]);
        throw new Error('rolled back on purpose');
      });
      await expect(tx).rejects.toThrow(embedded ? LostResultError : /on purpose/);
      expect(await db.query(`SELECT name FROM areas WHERE code = '512002'`)).toEqual([{ name: '雁江区' }]);
    } finally {
      await db.close();
    }
  });

  it('a refused feature says why, naming the fix', () => {
    if (embedded) {
      expect(() => assertSupported('embedded', 'mvt')).toThrow(BackendGapError);
      expect(() => assertSupported('embedded', 'mvt')).toThrow(/DATABASE_URL/);
    }
    expect(() => assertSupported('postgres', 'mvt')).not.toThrow();
  });
});

describe('server SQL avoids the gaps', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|sql)$/.test(f) && !p.endsWith('backendGaps.ts')) files.push(p);
    }
  };
  walk(join(repoRoot, 'server'));

  it('calls no function that differs silently or exists on one backend only', () => {
    const offenders = files.filter((f) => /ST_MakeValid\s*\(|ST_Coverage\w+\s*\(|COLLATE\s+"[a-z-]+-icu"/i.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
