/**
 * How precisely a list must write the number it is sorted by: the fewest decimals at which every
 * two neighbours that differ read differently, and nothing that is not zero reads as zero (never
 * "−0"). Shared by the review's screen, print and workbook, so they write a lag alike. Pure.
 */

/** The fewest decimals (0..max) that tell apart the neighbours of `values`, in the order listed. */
export function decimalsToTellApart(values: readonly (number | null)[], max = 2): number {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const tellsApart = (d: number) => {
    const r = (x: number) => Number(x.toFixed(d));
    for (let i = 0; i < xs.length; i++) {
      if (xs[i] !== 0 && r(Math.abs(xs[i])) === 0) return false;
      if (i > 0 && Math.abs(xs[i] - xs[i - 1]) > 1e-9 && r(xs[i]) === r(xs[i - 1])) return false;
    }
    return true;
  };
  for (let d = 0; d < max; d++) if (tellsApart(d)) return d;
  return max;
}

/** A lag in the unit it is written in: a share (0..1) in percentage points, a count as it is. */
export function lagInUnit(lag: number | null, kind: 'count' | 'share'): number | null {
  if (lag === null || !Number.isFinite(lag)) return null;
  return kind === 'share' ? Math.round(lag * 100 * 1e6) / 1e6 : lag;
}
