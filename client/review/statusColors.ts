import type { IndicatorValue } from '../api/types.ts';
import { figureColor } from '../../server/domain/legend.ts';

/**
 * The review's map colours: each area's figure coloured as on the main map (figureColor: its
 * status class, ahead of plan above +5 %; grey for no plan or hidden), so the map agrees with the
 * badge beside it.
 */
export function statusColors(areas: readonly { code: string; value: Pick<IndicatorValue, 'status' | 'lagShare'> }[]): Map<string, string> {
  return new Map(areas.map((a) => [a.code, figureColor(a.value)]));
}
