import type { HouseholdLayerCollection, HouseholdLayerProperties } from '../../../api/types.ts';
import { dataColors } from '../../DataLayers.ts';
import { rgba } from '../color.ts';

/**
 * A clerk's exact household points as columns (deck.gl's binary attributes): one typed array per
 * attribute instead of an object per point, so 15,000 points upload to the GPU in one copy each
 * and no accessor runs per point per update.
 */
export interface HouseholdPoints {
  length: number;
  /** lon, lat per point (Float64: deck.gl splits it for its high-precision projection). */
  positions: Float64Array;
  /** RGBA per point: the fill (white for 插花式 scattered households, drawn as rings). */
  fillColors: Uint8Array;
  /** RGBA per point: the ring (the status colour for a scattered household, white otherwise). */
  lineColors: Uint8Array;
  /** Ring width in pixels per point: 0 but for scattered households. */
  lineWidths: Float32Array;
  /** The features, by index, for picking (the tooltip's properties). */
  properties: readonly HouseholdLayerProperties[];
}

/** The colour of a household's status, the same as the MapLibre layer's (DataLayers). */
export function householdColor(p: Pick<HouseholdLayerProperties, 'poor' | 'atRisk'>): string {
  return p.poor > 0 ? dataColors.householdPoor : p.atRisk > 0 ? dataColors.householdAtRisk : dataColors.householdExited;
}

const WHITE = rgba('#ffffff');

/** The household points of a layer answer (its `kind: 'household'` features) as columns; village counts are left out. */
export function toHouseholdPoints(collection: HouseholdLayerCollection): HouseholdPoints {
  const features = collection.features.filter((f) => f.properties.kind === 'household' && f.geometry);
  const length = features.length;
  const positions = new Float64Array(length * 2);
  const fillColors = new Uint8Array(length * 4);
  const lineColors = new Uint8Array(length * 4);
  const lineWidths = new Float32Array(length);
  features.forEach((f, i) => {
    positions[i * 2] = f.geometry.coordinates[0];
    positions[i * 2 + 1] = f.geometry.coordinates[1];
    const status = rgba(householdColor(f.properties), 0.9);
    const [fill, line] = f.properties.scattered ? [WHITE, status] : [status, WHITE];
    fillColors.set(fill, i * 4);
    lineColors.set(line, i * 4);
    // Only a scattered household has a ring: 15,000 white outlines at city zoom hid the map.
    lineWidths[i] = f.properties.scattered ? 1.5 : 0;
  });
  return { length, positions, fillColors, lineColors, lineWidths, properties: features.map((f) => f.properties) };
}
