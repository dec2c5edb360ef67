import type { RiskBand } from './exitRisk.ts';
import { mulberry32 } from './seededRandom.ts';

/**
 * 回头看 verification samples: which exited households a field team visits, and what the visits
 * say about the wrong-exit rate (错退率) of all of them. Pure and seeded: the same seed and exits
 * give the same sample.
 *
 * Design: strata are the risk bands; high-risk exits are sampled at 4×, medium at 2× the rate of
 * low ones, at least 2 per non-empty band, so every exit has a known probability n_b / N_b > 0.
 * Inside a band the exits are listed by township and drawn systematically from a random start,
 * which spreads the sample over the townships in proportion (implicit stratification by township).
 * The estimate weights each visited exit by N_b / m_b (m_b: visits with a result), the
 * Horvitz–Thompson estimator with the stratum's response as its probability.
 */
export const SAMPLE_DESIGN = {
  bandFactor: { high: 4, medium: 2, low: 1 } satisfies Record<RiskBand, number>,
  minPerBand: 2,
  /** 95 % confidence. */
  z: 1.959964,
  /** The margin and the anticipated rate a sample size is chosen for, unless the caller gives them. */
  margin: 0.05,
  anticipatedRate: 0.2,
} as const;

export interface SampleUnit {
  householdId: string;
  township: string;
  band: RiskBand;
}

export interface SampledUnit extends SampleUnit {
  /** Its probability of being drawn, n_b / N_b. */
  probability: number;
}

export interface Sample {
  seed: number;
  size: number;
  population: number;
  bands: { band: RiskBand; population: number; size: number }[];
  units: SampledUnit[];
}

/** The five standards an exit must meet (收入 and 两不愁三保障): what a wrong exit is found to fail. */
export const EXIT_STANDARDS = ['income', 'food_clothing', 'education', 'medical', 'housing'] as const;
export type ExitStandard = (typeof EXIT_STANDARDS)[number];

/** A draw is reproducible from its seed. */
export const seededRandom = mulberry32;

/** The simple-random-sample size for a proportion: n0 = z² p (1 − p) / e², with the finite-population correction. */
export function srsSize(population: number, margin: number = SAMPLE_DESIGN.margin, rate: number = SAMPLE_DESIGN.anticipatedRate): number {
  if (population <= 0) return 0;
  const n0 = (SAMPLE_DESIGN.z ** 2 * rate * (1 - rate)) / margin ** 2;
  return Math.min(population, Math.ceil(n0 / (1 + (n0 - 1) / population)));
}

const BANDS: RiskBand[] = ['high', 'medium', 'low'];

/** Sizes per band for a total n: rates in the band factors' proportion, capped at the band, at least the minimum. */
export function allocate(populations: Record<RiskBand, number>, n: number): Record<RiskBand, number> {
  const out: Record<RiskBand, number> = { high: 0, medium: 0, low: 0 };
  const open = new Set(BANDS.filter((b) => populations[b] > 0));
  let left = n;
  // Bands that would take all their exits are taken whole; the rest share what is left.
  for (;;) {
    const weight = [...open].reduce((s, b) => s + SAMPLE_DESIGN.bandFactor[b] * populations[b], 0);
    const full = [...open].filter((b) => (left * SAMPLE_DESIGN.bandFactor[b] * populations[b]) / weight >= populations[b]);
    if (full.length === 0) {
      for (const b of open) out[b] = Math.round((left * SAMPLE_DESIGN.bandFactor[b] * populations[b]) / weight);
      break;
    }
    for (const b of full) {
      out[b] = populations[b];
      left -= populations[b];
      open.delete(b);
    }
    if (open.size === 0) break;
  }
  for (const b of BANDS) out[b] = Math.min(populations[b], Math.max(out[b], Math.min(SAMPLE_DESIGN.minPerBand, populations[b])));
  return out;
}

/** Kish's design effect of the band weights: how much the oversampling costs in precision. */
export function designEffect(populations: Record<RiskBand, number>, sizes: Record<RiskBand, number>): number {
  const n = BANDS.reduce((s, b) => s + sizes[b], 0);
  const N = BANDS.reduce((s, b) => s + populations[b], 0);
  if (n === 0) return 1;
  return (n * BANDS.reduce((s, b) => s + (sizes[b] > 0 ? populations[b] ** 2 / sizes[b] : 0), 0)) / N ** 2;
}

/**
 * The sample size for a margin at 95 % confidence: the simple-random-sample size times the design
 * effect of the allocation it gives (found by iterating), never more than the exits.
 */
export function sampleSize(populations: Record<RiskBand, number>, margin: number = SAMPLE_DESIGN.margin, rate: number = SAMPLE_DESIGN.anticipatedRate): number {
  const N = BANDS.reduce((s, b) => s + populations[b], 0);
  const base = srsSize(N, margin, rate);
  let n = base;
  for (let i = 0; i < 20; i += 1) {
    const next = Math.min(N, Math.ceil(base * designEffect(populations, allocate(populations, n))));
    if (next === n) break;
    n = next;
  }
  return n;
}

/** Draws the sample: per band, a systematic draw from a random start over the exits listed by township. */
export function drawSample(units: readonly SampleUnit[], seed: number, n: number): Sample {
  const random = seededRandom(seed);
  const byBand = Object.fromEntries(BANDS.map((b) => [b, units.filter((u) => u.band === b)
    .sort((x, y) => (x.township + x.householdId < y.township + y.householdId ? -1 : 1))])) as Record<RiskBand, SampleUnit[]>;
  const populations = Object.fromEntries(BANDS.map((b) => [b, byBand[b].length])) as Record<RiskBand, number>;
  const sizes = allocate(populations, Math.min(n, units.length));
  const drawn: SampledUnit[] = [];
  for (const b of BANDS) {
    const list = byBand[b];
    const size = sizes[b];
    if (size === 0) continue;
    const step = list.length / size;
    const start = random() * step;
    for (let j = 0; j < size; j += 1) drawn.push({ ...list[Math.floor(start + j * step)], probability: size / list.length });
  }
  return {
    seed, size: drawn.length, population: units.length,
    bands: BANDS.map((b) => ({ band: b, population: populations[b], size: sizes[b] })),
    units: drawn,
  };
}

export type VisitResult = 'confirmed' | 'wrong' | 'not_visited';

export interface Estimate {
  /** The estimated share of wrong exits among all exits of the sample's population; null before any result. */
  rate: number | null;
  low: number | null;
  high: number | null;
  visited: number;
  wrong: number;
  notVisited: number;
  pending: number;
}

/**
 * The wrong-exit rate from the visits so far: per band the share of wrong exits among the visited,
 * weighted by the band's share of all exits; its variance with the finite-population correction;
 * a Wilson interval on the effective sample size (so a band with no wrong exit yet does not give
 * an interval of zero width).
 */
export function estimateWrongExitRate(sample: Sample, results: ReadonlyMap<string, VisitResult>): Estimate {
  let rate = 0;
  let variance = 0;
  let visited = 0;
  let wrong = 0;
  let notVisited = 0;
  let covered = 0;
  for (const band of sample.bands) {
    if (band.population === 0) continue;
    const units = sample.units.filter((u) => u.band === band.band);
    const got = units.map((u) => results.get(u.householdId)).filter((r): r is VisitResult => r !== undefined);
    notVisited += got.filter((r) => r === 'not_visited').length;
    const m = got.filter((r) => r !== 'not_visited').length;
    const w = got.filter((r) => r === 'wrong').length;
    visited += m;
    wrong += w;
    if (m === 0) continue;
    const share = band.population / sample.population;
    const p = w / m;
    covered += share;
    rate += share * p;
    if (m > 1) variance += share ** 2 * (1 - m / band.population) * (p * (1 - p)) / (m - 1);
  }
  const pending = sample.units.length - visited - notVisited;
  if (visited === 0 || covered === 0) return { rate: null, low: null, high: null, visited, wrong, notVisited, pending };
  // Bands without a result yet: the estimate stands for the bands that have one.
  rate /= covered;
  variance /= covered ** 2;
  const nEff = variance > 0 ? Math.min(visited, (rate * (1 - rate)) / variance) : visited;
  const z = SAMPLE_DESIGN.z;
  const centre = (rate + (z * z) / (2 * nEff)) / (1 + (z * z) / nEff);
  const half = (z / (1 + (z * z) / nEff)) * Math.sqrt((rate * (1 - rate)) / nEff + (z * z) / (4 * nEff * nEff));
  return { rate, low: Math.max(0, centre - half), high: Math.min(1, centre + half), visited, wrong, notVisited, pending };
}
