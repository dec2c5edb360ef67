import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { fetchAreas } from '../api/fetchAreas.ts';
import { useViewer } from '../api/useApi.ts';
import type { Settings } from '../api/fetchSettings.ts';
import { request } from '../api/apiCache.ts';
import { urls } from '../api/urls.ts';
import { levelsOf, rootOf, type Root } from '../state/areaCodes.ts';
import { addBasemap } from './addBasemap.ts';
import type { AreaFeatureCollection, AreaLevel } from '../api/types.ts';
import { mapLibreLocale, type Locale, type Messages } from '../i18n/messages.ts';
import { resolveLocale } from '../i18n/resolveLocale.ts';
import { BoundaryLayers } from './BoundaryLayers.ts';
import { createMapStyle } from './createMapStyle.ts';
import { labelFont } from './labelFont.ts';
import { loadLabelFont } from './loadLabelFont.ts';
import { labelText } from './toLabelPoints.ts';
import { zoomLevels } from './zoomLevels.ts';

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The map, for end-to-end tests and the console. */
    __map?: MapLibreMap;
  }
}

/** Roughly the middle of Ziyang City, shown until the root's bounds arrive. */
const ZIYANG_CENTER: [number, number] = [104.95, 30.12];

export interface MapViewProps {
  messages: Messages;
  /** The language of the labels (place names); default the page's (`?lang=`). */
  locale?: Locale;
  onError?: (error: unknown) => void;
  /** A view to open at (from the URL) instead of fitting to the city. */
  initialView?: { center: [number, number]; zoom: number } | null;
  /** Fit to the root (the city, or the province) once its bounds arrive, unless an initial view is given; default true. */
  fitToCity?: boolean;
  /** Called once the style has loaded, with the map. */
  onReady?: (map: MapLibreMap) => void;
  /** Pan, zoom and click (default true); the wall screen has no pointer. */
  interactive?: boolean;
  /** Render at this pixel ratio (a scaled wall screen renders at its real resolution). */
  pixelRatio?: number;
  /**
   * Called with each level's areas as they arrive: polygons for the levels in `polygons`, label
   * points for the others (the map draws the polygons from the tiles).
   */
  onAreas?: (level: AreaLevel, areas: AreaFeatureCollection) => void;
  /** The levels whose polygons the screen needs in `onAreas`; default the counties. */
  polygons?: readonly AreaLevel[];
  /**
   * Under a province root, the selected area: the township names of its county and the village
   * names of its township are shown (a whole province's are too many); a city root shows every
   * name, and this is ignored.
   */
  labelsWithin?: string | null;
  /** Keep the drawn frame, so the canvas can be copied to an image (the printed report); default false. */
  preserveDrawingBuffer?: boolean;
}

/**
 * The full-window map: offline style, the three boundary levels' polygons from the server's
 * vector tiles and their labels and names from `/api/areas`, fitted to the city. The container's
 * `data-loaded` attribute lists the levels whose labels are shown.
 */
export function MapView({ messages, locale = resolveLocale(), onError, initialView, fitToCity = true, onReady, onAreas, polygons = ['county'], labelsWithin = null, interactive = true, pixelRatio, preserveDrawingBuffer = false }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onError, onReady, onAreas });
  callbacks.current = { onError, onReady, onAreas };
  // The boundaries as of the map's first view: a later data version does not redraw them.
  const viewer = useViewer();
  const [built, setBuilt] = useState<Built>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const abort = new AbortController();
    const releases: (() => void)[] = [];
    let map: MapLibreMap | null = null;
    // The root decides the levels drawn (a province's cities, counties, townships and villages) and
    // where the map opens: asked first, through the screens' shared cache, before the map is built.
    const settingsAsked = request<Settings>(viewer, urls.settings());
    releases.push(settingsAsked.release);
    settingsAsked.promise.then((settings) => {
      if (abort.signal.aborted) return;
      const root = rootOf(settings.root);
      const levels = levelsOf(root);
      const bbox = settings.root?.bbox ?? null;
      const fit = !initialView && fitToCity && bbox;
      map = new MapLibreMap({
        container: element,
        style: createMapStyle(window.location.origin, levels),
        ...(fit
          ? { bounds: [[bbox[0], bbox[1]], [bbox[2], bbox[3]]] as [[number, number], [number, number]], fitBoundsOptions: { padding: { top: 72, bottom: 32, left: 32, right: 32 } } }
          : { center: initialView?.center ?? ZIYANG_CENTER, zoom: initialView?.zoom ?? zoomLevels.initial }),
        minZoom: zoomLevels.min,
        maxZoom: zoomLevels.max,
        localIdeographFontFamily: labelFont.localIdeographFontFamily,
        attributionControl: { compact: true, customAttribution: messages.attribution },
        // MapLibre's own controls (zoom, attribution…) speak the UI language too.
        locale: mapLibreLocale(messages),
        dragRotate: false,
        pitchWithRotate: false,
        interactive,
        ...(pixelRatio ? { pixelRatio } : {}),
        ...(preserveDrawingBuffer ? { canvasContextAttributes: { preserveDrawingBuffer: true } } : {}),
      });
      const m = map;
      m.touchZoomRotate.disableRotation();
      if (interactive) m.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
      m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
      window.__map = m;

      const styleLoaded = new Promise<void>((resolve) => {
        if (m.isStyleLoaded()) resolve();
        else m.once('load', () => resolve());
      });
      void styleLoaded.then(() => {
        if (!abort.signal.aborted) callbacks.current.onReady?.(m);
      });
      // An online basemap only when the server is configured with one (off by default).
      void styleLoaded.then(() => !abort.signal.aborted && addBasemap(m, settings.basemap));
      const b: NonNullable<Built> = { map: m, root, styleLoaded, loaded: new Set<AreaLevel>() };
      setBuilt(b);

      for (const level of levels) {
        // A province's townships and villages are too many for one view: their names come a parent at a time (below).
        if (root.level === 'province' && (level === 'township' || level === 'village')) continue;
        const asked = fetchAreas(viewer, level, polygons.includes(level) ? {} : { shape: 'label' });
        releases.push(asked.release);
        putLabels(b, level, asked.promise, locale, element, () => !abort.signal.aborted, callbacks).catch((error: unknown) => {
          if (!abort.signal.aborted) callbacks.current.onError?.(error);
        });
      }
    }).catch((error: unknown) => {
      if (!abort.signal.aborted) callbacks.current.onError?.(error);
    });

    return () => {
      abort.abort();
      for (const release of releases) release();
      setBuilt(null);
      if (map) {
        if (window.__map === map) delete window.__map;
        map.remove();
      }
    };
    // The map is built once; a language switch reloads the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Under a province root: the township names of the selected county and the village names of the
  // selected township, replaced as the selection moves (a province's are too many for one view).
  const scoped = (length: number) => (labelsWithin && labelsWithin.length >= length ? labelsWithin.slice(0, length) : null);
  useScopedLabels(built, 'township', scoped(6), viewer, locale, container, callbacks);
  useScopedLabels(built, 'village', scoped(9), viewer, locale, container, callbacks);

  return <div ref={container} className="map" role="region" aria-label={messages.mapLabel} data-loaded="" />;
}

type Built = { map: MapLibreMap; root: Root; styleLoaded: Promise<void>; loaded: Set<AreaLevel> } | null;
type Callbacks = { current: { onError?: (error: unknown) => void; onAreas?: (level: AreaLevel, areas: AreaFeatureCollection) => void } };

/**
 * A level's names on the map, once its areas have come and the label font has the characters:
 * tells the screen (`onAreas`) and lists the level in the container's `data-loaded`. Nothing once
 * `live` says the map or the request is gone.
 */
async function putLabels(built: NonNullable<Built>, level: AreaLevel, asked: Promise<AreaFeatureCollection>, locale: Locale,
  element: HTMLElement | null, live: () => boolean, callbacks: Callbacks): Promise<void> {
  const areas = await asked;
  await built.styleLoaded;
  if (!live()) return;
  callbacks.current.onAreas?.(level, areas);
  await loadLabelFont(areas.features.map((f) => labelText(f.properties, locale)));
  if (!live()) return;
  BoundaryLayers.setLabels(built.map, level, areas, locale);
  built.loaded.add(level);
  if (element) element.dataset.loaded = levelsOf(built.root).filter((l) => built.loaded.has(l)).join(' ');
}

/** One level's labels under a province root, for one parent at a time (none without a parent). */
function useScopedLabels(built: Built, level: AreaLevel, parent: string | null, viewer: ReturnType<typeof useViewer>, locale: Locale,
  container: { current: HTMLDivElement | null }, callbacks: Callbacks) {
  useEffect(() => {
    if (!built || built.root.level !== 'province') return;
    const { map, styleLoaded } = built;
    let current = true;
    if (!parent) {
      void styleLoaded.then(() => {
        if (!current) return;
        BoundaryLayers.setLabels(map, level, { type: 'FeatureCollection', features: [] }, locale);
        // No names of this level are shown any more: `data-loaded` says so.
        built.loaded.delete(level);
        if (container.current) container.current.dataset.loaded = levelsOf(built.root).filter((l) => built.loaded.has(l)).join(' ');
      });
      return () => { current = false; };
    }
    const asked = fetchAreas(viewer, level, { parent, shape: 'label' });
    putLabels(built, level, asked.promise, locale, container.current, () => current, callbacks)
      .catch((error: unknown) => current && callbacks.current.onError?.(error));
    return () => {
      current = false;
      asked.release();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [built, parent]);
}
