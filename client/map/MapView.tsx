import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { fetchAreas } from '../api/fetchAreas.ts';
import { useViewer } from '../api/useApi.ts';
import { fetchSettings } from '../api/fetchSettings.ts';
import { addBasemap } from './addBasemap.ts';
import type { AreaFeatureCollection, AreaLevel } from '../api/types.ts';
import { mapLibreLocale, type Locale, type Messages } from '../i18n/messages.ts';
import { resolveLocale } from '../i18n/resolveLocale.ts';
import { BoundaryLayers } from './BoundaryLayers.ts';
import { createMapStyle } from './createMapStyle.ts';
import { featureBounds } from './featureBounds.ts';
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

/** Roughly the middle of Ziyang City, shown until the county boundaries arrive. */
const ZIYANG_CENTER: [number, number] = [104.95, 30.12];
const LEVELS: AreaLevel[] = ['county', 'township', 'village'];

export interface MapViewProps {
  messages: Messages;
  /** The language of the labels (place names); default the page's (`?lang=`). */
  locale?: Locale;
  onError?: (error: unknown) => void;
  /** A view to open at (from the URL) instead of fitting to the city. */
  initialView?: { center: [number, number]; zoom: number } | null;
  /** Fit to the city once the counties arrive (unless an initial view is given); default true. */
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
  /** The levels whose polygons the screen needs in `onAreas`; default the counties (to fit the city). */
  polygons?: readonly AreaLevel[];
  /** Keep the drawn frame, so the canvas can be copied to an image (the printed report); default false. */
  preserveDrawingBuffer?: boolean;
}

/**
 * The full-window map: offline style, the three boundary levels' polygons from the server's
 * vector tiles and their labels and names from `/api/areas`, fitted to the city. The container's
 * `data-loaded` attribute lists the levels whose labels are shown.
 */
export function MapView({ messages, locale = resolveLocale(), onError, initialView, fitToCity = true, onReady, onAreas, polygons = ['county'], interactive = true, pixelRatio, preserveDrawingBuffer = false }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onError, onReady, onAreas });
  callbacks.current = { onError, onReady, onAreas };
  // The boundaries as of the map's first view: a later data version does not redraw them.
  const viewer = useViewer();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const abort = new AbortController();
    const map = new MapLibreMap({
      container: element,
      style: createMapStyle(window.location.origin),
      center: initialView?.center ?? ZIYANG_CENTER,
      zoom: initialView?.zoom ?? zoomLevels.initial,
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
    map.touchZoomRotate.disableRotation();
    if (interactive) map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    window.__map = map;

    const styleLoaded = new Promise<void>((resolve) => {
      if (map.isStyleLoaded()) resolve();
      else map.once('load', () => resolve());
    });
    void styleLoaded.then(() => {
      if (!abort.signal.aborted) callbacks.current.onReady?.(map);
    });
    const loaded = new Set<AreaLevel>();
    // An online basemap only when the server is configured with one (off by default).
    void Promise.all([fetchSettings(abort.signal), styleLoaded])
      .then(([settings]) => !abort.signal.aborted && addBasemap(map, settings.basemap))
      .catch((error: unknown) => !abort.signal.aborted && callbacks.current.onError?.(error));

    const releases: (() => void)[] = [];
    for (const level of LEVELS) {
      (async () => {
        const { promise, release } = fetchAreas(viewer, level, polygons.includes(level) ? {} : { shape: 'label' });
        releases.push(release);
        const areas = await promise;
        await styleLoaded;
        if (abort.signal.aborted) return;
        callbacks.current.onAreas?.(level, areas);
        if (level === 'county' && !initialView && fitToCity) {
          const bounds = featureBounds(areas);
          if (bounds) map.fitBounds(bounds, { padding: { top: 72, bottom: 32, left: 32, right: 32 }, duration: 0 });
        }
        await loadLabelFont(areas.features.map((f) => labelText(f.properties, locale)));
        if (abort.signal.aborted) return;
        BoundaryLayers.setLabels(map, level, areas, locale);
        loaded.add(level);
        element.dataset.loaded = LEVELS.filter((l) => loaded.has(l)).join(' ');
      })().catch((error: unknown) => {
        if (!abort.signal.aborted) callbacks.current.onError?.(error);
      });
    }

    return () => {
      abort.abort();
      for (const release of releases) release();
      if (window.__map === map) delete window.__map;
      map.remove();
    };
    // The map is built once; a language switch reloads the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={container} className="map" role="region" aria-label={messages.mapLabel} data-loaded="" />;
}
