import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChoroplethMode, ValueMethod } from '../map/choropleth.ts';
import type { LayerKey } from '../map/DataLayers.ts';
import { formatLayers, formatUrlState, inCampaign, parseLayers, parseUrlState, type Campaign } from './urlState.ts';

/**
 * The dashboard's shareable state, read once from the URL and written back as it changes
 * (`history.replaceState`, so no history entry per step). The map's view is kept in a ref: it
 * changes on every pan and is written on `moveend` only.
 */
export function useUrlState(campaign: Campaign | null) {
  const [initial] = useState(() => parseUrlState(window.location.search));
  const [indicatorKey, setIndicatorKey] = useState<string | null>(initial.indicator);
  const [mode, setMode] = useState<ChoroplethMode>(initial.mode);
  const [method, setMethod] = useState<ValueMethod>(initial.method);
  const [date, setDate] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(initial.area);
  const [layers, setLayers] = useState<LayerKey[]>(() => parseLayers(window.location.search));
  const [specialty, setSpecialty] = useState<number | null>(initial.specialty);
  const view = useRef(initial.center && initial.zoom !== null ? { center: initial.center, zoom: initial.zoom } : null);

  // The date waits for the data's year: the URL's if inside it, else the data's own date.
  useEffect(() => {
    if (campaign) setDate((d) => d ?? (inCampaign(initial.date, campaign) ? initial.date : campaign.asOf));
  }, [campaign, initial.date]);

  const writeUrl = useCallback(() => {
    const search = formatLayers(
      layers,
      formatUrlState(
        { indicator: indicatorKey, mode, method, date, area: selected, center: view.current?.center ?? null, zoom: view.current?.zoom ?? null, specialty },
        window.location.search,
      ),
    );
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  }, [indicatorKey, mode, method, date, selected, layers, specialty]);
  const writeUrlRef = useRef(writeUrl);
  writeUrlRef.current = writeUrl;
  useEffect(() => writeUrl(), [writeUrl]);

  /** The map moved: keep its view and write it. */
  const setView = useCallback((center: [number, number], zoom: number) => {
    view.current = { center, zoom };
    writeUrlRef.current();
  }, []);

  return { initial, initialView: view.current, indicatorKey, setIndicatorKey, mode, setMode, method, setMethod, date, setDate, selected, setSelected, layers, setLayers, specialty, setSpecialty, setView };
}
