/** The zoom levels at which each administrative level's lines and labels appear. */
export const zoomLevels = {
  /** Township lines and labels from here. */
  township: 9.5,
  /** Village lines and labels from here. */
  village: 11,
  /** Under a province root, county names from here (the cities' names until a little after). */
  provinceCounty: 7,
  /** Initial zoom, before the root's bounds are known. */
  initial: 8.3,
  /** Far enough out for a province (Sichuan fits at about 5.5 on a 1400-pixel screen). */
  min: 4,
  max: 17,
} as const;
