export type ProgressStatus = 'on_track' | 'behind' | 'far_behind';

/**
 * How far from plan an area may be, as a share of its target, before it is flagged: the one
 * place these thresholds live. Every status, colour and legend class is cut at these.
 */
export const STATUS_THRESHOLDS = {
  /** Lag down to −5 % of the target counts as on track. */
  behind: -0.05,
  /** Below −15 % of the target is far behind. */
  farBehind: -0.15,
  /** More than +5 % of the target ahead of plan: on track, and shown as ahead. */
  ahead: 0.05,
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

/**
 * The classes a lag is coloured by, worst first: the three statuses, with "on track" split at
 * STATUS_THRESHOLDS.ahead so that being well ahead shows. `ahead` is a kind of `on_track`.
 */
export const LAG_CLASSES = ['far_behind', 'behind', 'on_track', 'ahead'] as const;
export type LagClass = (typeof LAG_CLASSES)[number];

/** The lag class of a lag share: agrees with statusOf (far_behind, behind, and on_track = on_track or ahead). */
export function lagClassOf(lagShare: number | null): LagClass | null {
  const status = statusOf(lagShare);
  return status === 'on_track' && lagShare! > STATUS_THRESHOLDS.ahead ? 'ahead' : status;
}

/**
 * The lag class of a figure as the API sends it: its status (decided on the unrounded lag share),
 * with on track shown as ahead above +5 %. Screens colour by this, so a colour never disagrees
 * with the status written beside it.
 */
export function lagClassOfFigure(v: { status: ProgressStatus | null; lagShare: number | null } | undefined): LagClass | null {
  if (!v || v.status === null) return null;
  return v.status === 'on_track' && v.lagShare !== null && v.lagShare > STATUS_THRESHOLDS.ahead ? 'ahead' : v.status;
}

/** The lag-share bounds of each class (−∞/+∞ at the ends), for legends. */
export const LAG_CLASS_BOUNDS: Readonly<Record<LagClass, { from: number; to: number }>> = {
  far_behind: { from: -Infinity, to: STATUS_THRESHOLDS.farBehind },
  behind: { from: STATUS_THRESHOLDS.farBehind, to: STATUS_THRESHOLDS.behind },
  on_track: { from: STATUS_THRESHOLDS.behind, to: STATUS_THRESHOLDS.ahead },
  ahead: { from: STATUS_THRESHOLDS.ahead, to: Infinity },
};
