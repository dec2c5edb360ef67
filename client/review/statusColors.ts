import type { ProgressStatus } from '../api/types.ts';
import { NO_DATA_COLOR } from '../map/choropleth.ts';

/** The review's status colours on the map, the same as its badges: red, amber, green; grey for no plan or hidden. */
export const STATUS_COLORS: Record<ProgressStatus, string> = { far_behind: '#c4161c', behind: '#f0a30a', on_track: '#5aae61' };

export function statusColors(areas: readonly { code: string; value: { status: ProgressStatus | null } }[]): Map<string, string> {
  return new Map(areas.map((a) => [a.code, a.value.status ? STATUS_COLORS[a.value.status] : NO_DATA_COLOR]));
}
