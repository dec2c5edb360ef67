import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { registerPicker } from './deckRegistry.ts';

declare global {
  interface Window {
    /** The deck.gl overlay of the last map that drew deck layers, for end-to-end tests and the console. */
    __deck?: MapLibreOverlay;
    /** Its layers by key, for the same. */
    __deckLayers?: Map<string, Layer | null>;
  }
}

interface Overlay {
  overlay: MapLibreOverlay;
  /** The layers by the key their owner set them under, in the order first set. */
  layers: Map<string, Layer | null>;
}

const overlays = new WeakMap<MapLibreMap, Overlay>();

/**
 * One deck.gl overlay per map, interleaved: deck's layers are drawn in MapLibre's own WebGL context
 * between its layers (each layer's `beforeId`), so the area names stay above the points and
 * columns, and there is one canvas and one frame. Screens set their layers under their own key
 * (the households, the grid, the wall's columns) without knowing about each other.
 */
export function setDeckLayer(map: MapLibreMap, key: string, layer: Layer | null): void {
  let entry = overlays.get(map);
  if (!entry) {
    if (!layer) return;
    entry = { overlay: new MapLibreOverlay({ interleaved: true, layers: [] }), layers: new Map() };
    overlays.set(map, entry);
    map.addControl(entry.overlay);
    const { overlay, layers } = entry;
    registerPicker(map, (x, y) => {
      if ([...layers.values()].every((l) => l === null)) return null;
      const info = overlay.pickObject({ x, y, radius: 3 });
      // A composite layer's pick names its sublayer: the answer names the layer the screen set.
      const top = info?.layer?.root ?? info?.layer;
      return info?.object !== undefined && top ? { layerId: top.id, object: info.object } : null;
    });
    window.__deck = entry.overlay;
    window.__deckLayers = entry.layers;
  }
  entry.layers.set(key, layer);
  entry.overlay.setProps({ layers: [...entry.layers.values()].filter((l): l is Layer => l !== null) });
  map.triggerRepaint();
}
