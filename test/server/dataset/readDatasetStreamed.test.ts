import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, readDataset, readDatasetStreamed } from '../../../server/dataset/readDataset.ts';
import { repoRoot } from '../../helpers/testConfig.ts';

const collect = async <T,>(batches: AsyncIterable<T[]>) => {
  const out: T[] = [];
  for await (const b of batches) out.push(...b);
  return out;
};

describe('readDatasetStreamed: the large files in batches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'campaign-dataset-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same records as reading the files whole, a batch at a time', async () => {
    const whole = readDataset(join(repoRoot, 'data'));
    const streamed = readDatasetStreamed(join(repoRoot, 'data'));
    let batches = 0;
    const households = [];
    for await (const b of streamed.households) {
      batches += 1;
      households.push(...b);
    }
    expect(batches).toBeGreaterThan(2);
    expect(households).toEqual(whole.households);
    expect(await collect(streamed.householdHistory)).toEqual(whole.householdHistory);
    expect(streamed.areas).toEqual(whole.areas);
  });

  it('names a bad row deep in the file, after the batches before it were handed on', async () => {
    cpSync(join(repoRoot, 'data'), dir, { recursive: true });
    const lines = readFileSync(join(dir, 'households.csv'), 'utf8').split('\n');
    lines[12000] = lines[12000].replace(/,(poor|exited|at_risk),/, ',gone,');
    writeFileSync(join(dir, 'households.csv'), lines.join('\n'));
    let handed = 0;
    const err = await (async () => {
      for await (const b of readDatasetStreamed(dir).households) handed += b.length;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^households\.csv: 1 row\(s\) rejected; first: line 12001: status must be one of/);
    // The loader writes inside one transaction: what was handed on before the error is rolled back with it.
    expect(handed).toBe(lines.filter(Boolean).length - 2);
  });
});
