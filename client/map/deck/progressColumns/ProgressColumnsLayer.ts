import { CompositeLayer, type DefaultProps } from '@deck.gl/core';
import { ColumnLayer } from '@deck.gl/layers';
import { rgba } from '../color.ts';
import type { ProgressColumn } from './progressColumns.ts';

/** Props of {@link ProgressColumnsLayer}. */
export interface ProgressColumnsLayerProps {
  /** The columns (`progressColumns`). Default none. */
  columns: readonly ProgressColumn[];
  /** Height in metres of a column at its full target. Default 20,000 (a city seen whole). */
  elevation: number;
  /** Radius in metres. Default 1,000. */
  radius: number;
  /** Interleaved on a MapLibre map: the map layer it is drawn under. Default none (on top). */
  beforeId?: string;
}

/**
 * 3D columns of progress for the wall: one per area at its label point, as tall as its figure's
 * share of target and coloured by its status (the fill's colour, so a column and the area under it
 * never disagree). Read with the map pitched.
 */
export class ProgressColumnsLayer extends CompositeLayer<ProgressColumnsLayerProps> {
  static override layerName = 'ProgressColumnsLayer';
  static override defaultProps: DefaultProps<ProgressColumnsLayerProps> = {
    columns: { type: 'array', value: [], compare: true },
    elevation: 20_000,
    radius: 1_000,
    beforeId: undefined,
  };

  renderLayers() {
    const { columns, elevation, radius } = this.props;
    return new ColumnLayer<ProgressColumn>(this.getSubLayerProps({
      id: 'columns',
      data: columns,
      diskResolution: 24,
      radius,
      extruded: true,
      // A sliver for none yet, so an area at 0 % still shows where its column stands.
      getElevation: (c: ProgressColumn) => Math.max(0.02, c.share) * elevation,
      getPosition: (c: ProgressColumn) => c.position,
      getFillColor: (c: ProgressColumn) => rgba(c.color, 0.92),
      updateTriggers: { getElevation: elevation },
      material: { ambient: 0.55, diffuse: 0.5, shininess: 8 },
      pickable: true,
    }));
  }
}
