export type ProgressStatus = 'on_track' | 'behind' | 'far_behind';

/**
 * How far behind plan an area may be, as a share of its target, before it is flagged: the one
 * place these thresholds live.
 */
export const STATUS_THRESHOLDS = {
  /** Lag down to −5 % of the target counts as on track. */
  behind: -0.05,
  /** Below −15 % of the target is far behind. */
  farBehind: -0.15,
} as const;

export function statusOf(lagShare: number | null): ProgressStatus | null {
  if (lagShare === null || !Number.isFinite(lagShare)) return null;
  if (lagShare >= STATUS_THRESHOLDS.behind) return 'on_track';
  if (lagShare >= STATUS_THRESHOLDS.farBehind) return 'behind';
  return 'far_behind';
}

/** Behind plan, whether a little or far: what the lists of lagging areas keep. */
export function isBehind(status: string | null | undefined): boolean {
  return status === 'behind' || status === 'far_behind';
}
