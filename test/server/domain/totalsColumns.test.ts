import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_TOTALS } from '../../../server/domain/totalsColumns.ts';
import { TOTAL_KEYS } from '../../../server/domain/indicators.ts';

describe('household totals columns', () => {
  it('declares exactly the columns of the household_totals table, in its order', () => {
    const ddl = readFileSync(new URL('../../../server/db/migrations/005_deltas.sql', import.meta.url), 'utf8');
    const table = ddl.slice(ddl.indexOf('CREATE TABLE household_totals'), ddl.indexOf('PRIMARY KEY'));
    const columns = [...table.matchAll(/^\s+([a-z_]+)\s+integer NOT NULL/gm)].map((m) => m[1]);
    expect(HOUSEHOLD_TOTALS.map((t) => t.column)).toEqual(columns);
  });

  it('gives each column its own AreaTotals key, camel-cased from the column', () => {
    const keys = HOUSEHOLD_TOTALS.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of HOUSEHOLD_TOTALS) {
      expect(t.key).toBe(t.column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
      expect(TOTAL_KEYS).toContain(t.key);
    }
  });
});
