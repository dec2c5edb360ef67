import { CompositeLayer, type DefaultProps, type GetPickingInfoParams, type PickingInfo, type UpdateParameters } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { HouseholdLayerProperties } from '../../../api/types.ts';
import type { HouseholdPoints } from './householdPointsData.ts';

/** Props of {@link HouseholdPointsLayer}. */
export interface HouseholdPointsLayerProps {
  /** The points as columns (`toHouseholdPoints`). */
  points: HouseholdPoints;
  /** The smallest radius in CSS pixels (a whole city's points at zoom 8). Default 1.5. */
  radiusMinPixels?: number;
  /** The largest radius in CSS pixels (zoom 14 and closer). Default 6. */
  radiusMaxPixels?: number;
  /** Radius in metres between the two, so a point grows as the map zooms in. Default 60. */
  radiusMeters?: number;
  /** Interleaved on a MapLibre map: the map layer it is drawn under. Default none (on top). */
  beforeId?: string;
}

/**
 * A signed-in clerk's exact household points: one ScatterplotLayer over binary attributes,
 * coloured by status (poor, at risk, exited; never red or green, which mean behind plan and on
 * track), 插花式 households as rings. Picking answers the household's properties.
 */
export class HouseholdPointsLayer extends CompositeLayer<Required<HouseholdPointsLayerProps>> {
  static override layerName = 'HouseholdPointsLayer';
  static override defaultProps: DefaultProps<HouseholdPointsLayerProps> = {
    points: { type: 'object', value: { length: 0, positions: new Float64Array(0), fillColors: new Uint8Array(0), lineColors: new Uint8Array(0), lineWidths: new Float32Array(0), properties: [] }, compare: false },
    radiusMinPixels: 1.5,
    radiusMaxPixels: 6,
    radiusMeters: 60,
    beforeId: undefined,
  };

  // The binary data object is built once per `points`, not in renderLayers: a composite layer
  // renders its sublayers again on every camera change, and a new data object is new data.
  override updateState({ props, oldProps }: UpdateParameters<this>): void {
    if (props.points !== oldProps.points || !this.state.data) {
      const { points } = props;
      this.setState({
        data: {
          length: points.length,
          attributes: {
            getPosition: { value: points.positions, size: 2 },
            getFillColor: { value: points.fillColors, size: 4, normalized: true },
            getLineColor: { value: points.lineColors, size: 4, normalized: true },
            getLineWidth: { value: points.lineWidths, size: 1 },
          },
        },
      });
    }
  }

  override getPickingInfo({ info }: GetPickingInfoParams): PickingInfo<HouseholdLayerProperties> {
    const object = info.index >= 0 ? this.props.points.properties[info.index] : undefined;
    return { ...info, object };
  }

  renderLayers() {
    const { radiusMinPixels, radiusMaxPixels, radiusMeters } = this.props;
    return new ScatterplotLayer(this.getSubLayerProps({
      id: 'points',
      data: this.state.data,
      radiusUnits: 'meters',
      getRadius: radiusMeters,
      radiusMinPixels,
      radiusMaxPixels,
      lineWidthUnits: 'pixels',
      stroked: true,
      filled: true,
      pickable: true,
    }));
  }
}
