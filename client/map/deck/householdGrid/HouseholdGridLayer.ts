import { CompositeLayer, type DefaultProps, type GetPickingInfoParams, type PickingInfo } from '@deck.gl/core';
import { SolidPolygonLayer } from '@deck.gl/layers';
import { rgba } from '../color.ts';
import { cellColor, cellFigures, cellPolygon, type GridRow } from './gridCells.ts';

/** Props of {@link HouseholdGridLayer}. */
export interface HouseholdGridLayerProps {
  /** The cells of `GET /api/households/grid`: `[i, j, households, poor, atRisk, exited]`. Default none. */
  cells: readonly GridRow[];
  /** Their size in degrees (the answer's `cell`). Default 0.05. */
  cell: number;
  /** Fill opacity, 0–1: the coloured areas stay readable beneath. Default 0.75. */
  opacity: number;
  /** Interleaved on a MapLibre map: the map layer it is drawn under. Default none (on top). */
  beforeId?: string;
}

/**
 * The public households density: the server's square cells (small ones already left out), each
 * filled by its density class (households per km², fixed steps). Picking answers the cell's figures.
 */
export class HouseholdGridLayer extends CompositeLayer<HouseholdGridLayerProps> {
  static override layerName = 'HouseholdGridLayer';
  static override defaultProps: DefaultProps<HouseholdGridLayerProps> = {
    cells: { type: 'array', value: [], compare: false },
    cell: 0.05,
    opacity: 0.75,
    beforeId: undefined,
  };

  override getPickingInfo({ info }: GetPickingInfoParams): PickingInfo {
    const row = info.index >= 0 ? this.props.cells[info.index] : undefined;
    return { ...info, object: row ? { kind: 'grid', cell: this.props.cell, ...cellFigures(row, this.props.cell) } : undefined };
  }

  renderLayers() {
    const { cells, cell, opacity } = this.props;
    return new SolidPolygonLayer<GridRow>(this.getSubLayerProps({
      id: 'cells',
      data: cells,
      getPolygon: (row: GridRow) => cellPolygon(row, cell),
      getFillColor: (row: GridRow) => rgba(cellColor(row, cell), opacity),
      updateTriggers: { getPolygon: cell, getFillColor: [cell, opacity] },
      pickable: true,
    }));
  }
}
