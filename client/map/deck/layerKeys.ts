/** The deck.gl layers' ids, each also its key on the map's overlay (deckRegistry). */
export const HOUSEHOLD_POINTS_LAYER = 'households-points';
export const HOUSEHOLD_GRID_LAYER = 'households-grid';
export const PROGRESS_COLUMNS_LAYER = 'progress-columns';
