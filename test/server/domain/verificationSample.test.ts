import { describe, expect, it } from 'vitest';
import {
  allocate, designEffect, drawSample, estimateWrongExitRate, sampleSize, seededRandom, srsSize, type SampleUnit, type VisitResult,
} from '../../../server/domain/verificationSample.ts';
import type { RiskBand } from '../../../server/domain/exitRisk.ts';

/** A county of exits over 12 townships; wrong exits planted more often in the higher bands. */
function county(seed: number, size = 2000) {
  const random = seededRandom(seed);
  const units: SampleUnit[] = [];
  const wrong = new Set<string>();
  for (let i = 0; i < size; i += 1) {
    const r = random();
    const band: RiskBand = r < 0.08 ? 'high' : r < 0.25 ? 'medium' : 'low';
    const id = `H${String(i).padStart(5, '0')}`;
    units.push({ householdId: id, township: `5120021${String(i % 12).padStart(2, '0')}`, band });
    if (random() < { high: 0.5, medium: 0.2, low: 0.04 }[band]) wrong.add(id);
  }
  return { units, wrong, trueRate: wrong.size / size };
}

describe('sample size', () => {
  it('is the textbook n0 = z² p(1 − p) / e² with the finite-population correction', () => {
    // z = 1.96, p = 0.2, e = 0.05: n0 = 245.9 → 246; for 1,000 exits 246 / (1 + 245/1000) = 197.6 → 198.
    expect(srsSize(1_000_000)).toBe(246);
    expect(srsSize(1000)).toBe(198);
    expect(srsSize(50)).toBeLessThanOrEqual(50);
    expect(srsSize(0)).toBe(0);
  });

  it('grows with the design effect of oversampling high-risk exits', () => {
    const populations = { high: 160, medium: 340, low: 1500 };
    const n = sampleSize(populations);
    expect(n).toBeGreaterThan(srsSize(2000));
    const sizes = allocate(populations, n);
    expect(sizes.high / 160).toBeCloseTo((4 * sizes.low) / 1500, 1);
    expect(designEffect(populations, sizes)).toBeGreaterThan(1);
  });

  it('allocates whole bands when their share would exceed them, and at least two per band', () => {
    expect(allocate({ high: 20, medium: 100, low: 1000 }, 400)).toMatchObject({ high: 20 });
    expect(allocate({ high: 1000, medium: 1000, low: 1000 }, 10).low).toBe(2);
    expect(allocate({ high: 0, medium: 1, low: 10 }, 3)).toEqual({ high: 0, medium: 1, low: 3 });
  });
});

describe('drawing a sample', () => {
  const { units } = county(7);

  it('is reproducible from its seed, and another seed draws another sample', () => {
    const a = drawSample(units, 42, 250);
    expect(drawSample(units, 42, 250)).toEqual(a);
    expect(drawSample(units, 43, 250).units.map((u) => u.householdId)).not.toEqual(a.units.map((u) => u.householdId));
    expect(new Set(a.units.map((u) => u.householdId)).size).toBe(a.size);
  });

  it('gives every exit a known, non-zero probability and spreads over the townships', () => {
    const s = drawSample(units, 1, 250);
    for (const u of s.units) expect(u.probability).toBeGreaterThan(0);
    const low = s.units.filter((u) => u.band === 'low');
    const townships = new Set(low.map((u) => u.township));
    expect(townships.size).toBe(12);
    const high = s.units.find((u) => u.band === 'high')!;
    expect(high.probability).toBeCloseTo(4 * low[0].probability, 1);
  });
});

describe('the wrong-exit estimate', () => {
  it('is null before any visit, and ignores households that could not be visited', () => {
    const { units } = county(3, 300);
    const s = drawSample(units, 5, 100);
    expect(estimateWrongExitRate(s, new Map()).rate).toBeNull();
    const results = new Map<string, VisitResult>(s.units.map((u, i) => [u.householdId, i % 10 === 0 ? 'not_visited' : 'confirmed']));
    const e = estimateWrongExitRate(s, results);
    expect(e).toMatchObject({ rate: 0, wrong: 0, pending: 0 });
    expect(e.notVisited).toBe(Math.ceil(s.size / 10));
    expect(e.high).toBeGreaterThan(0);
  });

  it('covers the planted rate in at least 90 % of 200 draws, and is unbiased on average', () => {
    const { units, wrong, trueRate } = county(11);
    const n = sampleSize({ high: units.filter((u) => u.band === 'high').length, medium: units.filter((u) => u.band === 'medium').length, low: units.filter((u) => u.band === 'low').length });
    let covered = 0;
    let sum = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const s = drawSample(units, seed, n);
      const e = estimateWrongExitRate(s, new Map(s.units.map((u) => [u.householdId, wrong.has(u.householdId) ? 'wrong' : 'confirmed'])));
      if (e.low! <= trueRate && trueRate <= e.high!) covered += 1;
      sum += e.rate!;
      expect(e.high! - e.low!).toBeLessThan(0.13);
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(Math.abs(sum / 200 - trueRate)).toBeLessThan(0.01);
  });
});
