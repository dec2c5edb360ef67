/** The zoom levels at which each administrative level's lines and labels appear. */
export const zoomLevels = {
  /** Township lines and labels from here. */
  township: 9.5,
  /** Village lines and labels from here. */
  village: 11,
  /** Initial zoom, before the city's bounds are known. */
  initial: 8.3,
  min: 6,
  max: 17,
} as const;
