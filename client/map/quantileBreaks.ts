/**
 * Quantile breaks over the values on screen. Only the review's "what changed" map still uses this
 * (where movement is compared across areas in one period); the indicator choropleth never does:
 * lag is coloured by status, values by fixed steps or a whole-period scale (server/domain/legend.ts).
 */
import { classOf, quantile } from '../../server/domain/legend.ts';

export { classOf, quantile };

export interface QuantileClasses {
  /** Ascending, distinct thresholds; class i holds values v with breaks[i-1] <= v < breaks[i]. */
  breaks: number[];
  /** The smallest and largest value, or null when there are none. */
  min: number | null;
  max: number | null;
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
