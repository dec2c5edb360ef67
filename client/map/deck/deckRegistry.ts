import type { Map as MapLibreMap } from 'maplibre-gl';

/** What a deck.gl pick answers: the top-level layer's id and the picked object. */
export interface DeckPick {
  layerId: string;
  object: unknown;
}

type Picker = (x: number, y: number) => DeckPick | null;
const pickers = new WeakMap<MapLibreMap, Picker>();
type DeckModules = typeof import('./deckModules.ts');
let loaded: DeckModules | null = null;
let loading: Promise<DeckModules> | null = null;

/**
 * deck.gl is 840 KB of script (236 KB compressed) that most views never use (the public map has no deck layer): it
 * is loaded the first time a screen sets a deck layer, not with the page. This module holds what
 * must answer without loading it: whether a map has deck layers to pick from.
 */
export function registerPicker(map: MapLibreMap, picker: Picker): void {
  pickers.set(map, picker);
}

/** The deck layer's object drawn at a point of the map's canvas (CSS pixels), or null (also before deck.gl is loaded). */
export function pickDeck(map: MapLibreMap, x: number, y: number): DeckPick | null {
  return pickers.get(map)?.(x, y) ?? null;
}

/**
 * Sets (or, with null, removes) the deck layer under `key` on the map, `make` building it from
 * the loaded modules. Removing a layer loads nothing. Calls apply in order.
 */
export function setDeckLayerLazy(map: MapLibreMap, key: string, make: ((deck: DeckModules) => import('@deck.gl/core').Layer) | null): void {
  if (!make && !loaded) {
    // Nothing drawn yet, unless a load is under way: then remove after it.
    loading?.then((deck) => deck.setDeckLayer(map, key, null));
    return;
  }
  if (loaded) {
    loaded.setDeckLayer(map, key, make ? make(loaded) : null);
    return;
  }
  loading ??= import('./deckModules.ts').then((deck) => (loaded = deck));
  loading.then((deck) => deck.setDeckLayer(map, key, make ? make(deck) : null));
}
