/**
 * Two villages are neighbours when their boundaries share a line at least this long, in metres:
 * a shared corner (a point) or a sliver left by rounding is not a border a park can span.
 */
export const MIN_SHARED_BORDER_M = 1;
