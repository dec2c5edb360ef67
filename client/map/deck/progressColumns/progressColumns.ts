import type { IndicatorValue } from '../../../api/types.ts';

/** One area's column: where it stands, how far its figure is toward target, and its status colour. */
export interface ProgressColumn {
  code: string;
  position: [number, number];
  /** value / target, 0 to 1 (over target stands at 1: the column says "done", the colour says the rest). */
  share: number;
  /** The status colour of the figure (figureColor), the same as the area's fill. */
  color: string;
}

/**
 * The columns of a tour stop: each area with a label point and a figure with a target, standing
 * at its label point. An area without a target or a value has no column (its fill says no data).
 */
export function progressColumns(
  areas: readonly { code: string; indicators: Readonly<Record<string, IndicatorValue | undefined>> }[],
  key: string,
  colors: ReadonlyMap<string, string>,
  points: ReadonlyMap<string, [number, number]>,
): ProgressColumn[] {
  const out: ProgressColumn[] = [];
  for (const a of areas) {
    const v = a.indicators[key];
    const position = points.get(a.code);
    const color = colors.get(a.code);
    if (!v || v.value === null || v.target === null || v.target <= 0 || !position || !color) continue;
    out.push({ code: a.code, position, share: Math.max(0, Math.min(1, v.value / v.target)), color });
  }
  return out;
}

/** Column height for a full target and the column's radius, in metres, for a stop of this extent (lon/lat bbox). */
export function columnScale(bbox: readonly number[]): { elevation: number; radius: number } {
  const kmTall = (bbox[3] - bbox[1]) * 111.32;
  const kmWide = (bbox[2] - bbox[0]) * 111.32 * Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const size = Math.max(kmTall, kmWide) * 1000;
  return { elevation: size * 0.35, radius: size * 0.018 };
}
