import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaLevel } from '../api/types.ts';
import { ChoroplethLayers } from './ChoroplethLayers.ts';
import { DataLayers } from './DataLayers.ts';
import { describeFeature, type DescribeContext, type RenderedFeature } from './describeFeature.ts';
import { pickDeck } from './deck/deckRegistry.ts';
import { HOUSEHOLD_POINTS_LAYER } from './deck/layerKeys.ts';

export interface MapTooltipProps {
  map: MapLibreMap | null;
  /** The level whose areas are coloured: their fill answers when no data feature is under the pointer. */
  level: AreaLevel;
  context: DescribeContext;
}

const DATA_LAYERS = [
  DataLayers.layerIds.householdPoint, DataLayers.layerIds.householdCluster,
  DataLayers.layerIds.projectPoint, DataLayers.layerIds.projectLine, DataLayers.layerIds.parkFill,
];

/**
 * A tooltip that follows the pointer: the data feature under it, else the coloured area. It asks
 * again where the pointer rests whenever the map moves under it or what is drawn changes (a drill
 * flies to the new level and recolours it without a mouse move), so it never names the area
 * clicked before.
 */
export function MapTooltip({ map, level, context }: MapTooltipProps) {
  const [tip, setTip] = useState<{ x: number; y: number; title: string; lines: string[] } | null>(null);
  const latest = useRef({ level, context });
  latest.current = { level, context };
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const describeAt = useRef<() => void>(() => undefined);
  useEffect(() => {
    if (!map) return;
    const update = () => {
      const point = pointer.current;
      if (!point) return setTip(null);
      const layers = [...DATA_LAYERS, ChoroplethLayers.fillIds[latest.current.level]].filter((id) => map.getLayer(id));
      // deck.gl's layers (a clerk's household points) are drawn over the map's: they answer first.
      const picked = pickDeck(map, point.x, point.y);
      const [rendered] = picked?.object ? [] : map.queryRenderedFeatures([point.x, point.y], { layers });
      const hit: RenderedFeature | null = picked?.object
        ? { layerId: picked.layerId === HOUSEHOLD_POINTS_LAYER ? DataLayers.layerIds.householdPoint : picked.layerId, properties: picked.object as Record<string, unknown> }
        : rendered ? { layerId: rendered.layer.id, properties: rendered.properties } : null;
      const text = hit ? describeFeature(hit, latest.current.context) : null;
      setTip(text ? { x: point.x, y: point.y, ...text } : null);
      map.getCanvas().style.cursor = hit ? 'pointer' : '';
    };
    describeAt.current = update;
    const onMove = (event: { point: { x: number; y: number } }) => {
      pointer.current = { x: event.point.x, y: event.point.y };
      update();
    };
    const onLeave = () => {
      pointer.current = null;
      setTip(null);
    };
    map.on('mousemove', onMove);
    map.on('mouseout', onLeave);
    map.on('moveend', update);
    map.on('idle', update);
    return () => {
      describeAt.current = () => undefined;
      map.off('mousemove', onMove);
      map.off('mouseout', onLeave);
      map.off('moveend', update);
      map.off('idle', update);
    };
  }, [map]);
  // A new level or new figures under a resting pointer.
  useEffect(() => describeAt.current(), [level, context.values, context.indicator, context.names]);
  if (!tip) return null;
  return (
    <div className="map-tooltip" role="tooltip" data-testid="map-tooltip" style={{ left: tip.x + 14, top: tip.y + 14 }}>
      <strong>{tip.title}</strong>
      {tip.lines.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </div>
  );
}
