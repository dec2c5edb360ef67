import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * Mitred joins when zoomed out, round from zoom 9: a round join is many more triangles at every
 * vertex of a county's outline, and with software WebGL (a wall PC without a GPU, headless
 * Chromium) it doubled a frame (province at z5.7: 594 → 326 ms; the city at z8.8: 262 → 118 ms,
 * a frame each, measured with the map idle). Zoomed out, the corners are too small to tell.
 */
export const BOUNDARY_JOIN: ExpressionSpecification = ['step', ['zoom'], 'miter', 9, 'round'];
