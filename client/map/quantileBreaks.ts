/**
 * Quantile classification for the choropleth: the class breaks that split the values into
 * `classes` groups of (about) equal size. Pure; no map or DOM.
 */
export interface QuantileClasses {
  /** Ascending, distinct thresholds; class i holds values v with breaks[i-1] <= v < breaks[i]. */
  breaks: number[];
  /** The smallest and largest value, or null when there are none. */
  min: number | null;
  max: number | null;
}

/** The p-quantile (0..1) of ascending `sorted` values, linearly interpolated (R type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

/**
 * Class breaks for `classes` quantile classes of the finite values (others are ignored). Equal
 * breaks collapse, so fewer classes come out when values repeat; no values give no breaks.
 */
export function quantileBreaks(values: Iterable<number | null | undefined>, classes = 5): QuantileClasses {
  const sorted = [...values].filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { breaks: [], min: null, max: null };
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const b = quantile(sorted, i / classes);
    // A break at the minimum would leave an empty first class.
    if (b > min && (breaks.length === 0 || b > breaks[breaks.length - 1])) breaks.push(b);
  }
  return { breaks, min, max };
}

/** The class (0..breaks.length) of a value: how many breaks are at or below it. */
export function classOf(value: number, breaks: readonly number[]): number {
  let k = 0;
  while (k < breaks.length && value >= breaks[k]) k++;
  return k;
}
