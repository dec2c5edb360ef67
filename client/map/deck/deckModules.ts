// Everything of deck.gl the screens use, in the one chunk loaded on first use (deckRegistry.ts).
export { setDeckLayer } from './deckOverlay.ts';
export { HouseholdPointsLayer } from './householdPoints/HouseholdPointsLayer.ts';
export { HouseholdGridLayer } from './householdGrid/HouseholdGridLayer.ts';
export { ProgressColumnsLayer } from './progressColumns/ProgressColumnsLayer.ts';
