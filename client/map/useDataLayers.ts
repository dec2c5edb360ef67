import { useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { urls } from '../api/urls.ts';
import { useApi, useViewer } from '../api/useApi.ts';
import type { HouseholdLayerCollection, ParkCollection, ProjectCollection } from '../api/types.ts';
import { BoundaryLayers } from './BoundaryLayers.ts';
import { DataLayers, type LayerKey } from './DataLayers.ts';
import { setDeckLayerLazy } from './deck/deckRegistry.ts';
import { HOUSEHOLD_GRID_LAYER, HOUSEHOLD_POINTS_LAYER } from './deck/layerKeys.ts';
import { gridCellForZoom, type GridRow } from './deck/householdGrid/gridCells.ts';
import type { GridCell } from '../../server/domain/householdGrid.ts';
import { toHouseholdPoints } from './deck/householdPoints/householdPointsData.ts';

/** Body of `GET /api/households/grid`. */
export interface HouseholdGrid {
  cell: number;
  min: number;
  cells: GridRow[];
}

/** One of the 22 specialties of `GET /api/specialties`, with how many projects it has. */
export interface Specialty {
  code: number;
  name: string;
  projects: number;
}

/** The specialties the projects filter offers: those with projects, in code order. */
export const filterableSpecialties = (all: readonly Specialty[]): { code: number; name: string }[] =>
  all.filter((s) => s.projects > 0).sort((a, b) => a.code - b.code).map(({ code, name }) => ({ code, name }));

/**
 * The parks, projects and households layers: added once the map is ready, fetched when first
 * switched on and filled as their data arrives, shown and filtered as chosen. The households
 * follow the sign-in (the viewer is part of the answer's key): village counts for the public, a
 * clerk's own points once signed in. `area` is where the projects and the households are asked
 * for: null for the root (a city's are one answer), a city under a province root, and `false` when
 * there is none to ask for (a province's are asked a city at a time; an account's households only
 * where its own area and the city meet): then the layer is emptied, not left on the last city's.
 */
export function useDataLayers(map: MapLibreMap | null, sessionKnown: boolean, visible: readonly LayerKey[], specialty: number | null, fail: (reason: unknown) => void,
  area: { projects: string | null | false; households: string | null | false }) {
  const viewer = useViewer();
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());
  const [householdsFor, setHouseholdsFor] = useState<string | null>(null);
  // A layer's data is fetched the first time it is switched on, and kept when it is switched off:
  // the first view does not download layers nobody looks at (the projects are 170 KB).
  const [wanted, setWanted] = useState<ReadonlySet<LayerKey>>(() => new Set(visible));
  useEffect(() => {
    setWanted((old) => (visible.every((k) => old.has(k)) ? old : new Set([...old, ...visible])));
  }, [visible]);
  const parks = useApi<ParkCollection>(map && wanted.has('parks') ? urls.parks() : null, fail).data;
  const projects = useApi<ProjectCollection>(map && area.projects !== false && wanted.has('projects') ? urls.projects(area.projects) : null, fail).data;
  const households = useApi<HouseholdLayerCollection>(map && area.households !== false && sessionKnown && wanted.has('households') ? urls.householdLayer(area.households) : null, fail).data;
  // The grid's cell follows the zoom (about the same size on screen at any zoom); public figures, asked where the projects are.
  const [gridCell, setGridCell] = useState<GridCell>(0.1);
  useEffect(() => {
    if (!map) return;
    const onZoom = () => setGridCell(gridCellForZoom(map.getZoom()));
    onZoom();
    map.on('zoomend', onZoom);
    return () => void map.off('zoomend', onZoom);
  }, [map]);
  const grid = useApi<HouseholdGrid>(map && area.projects !== false && wanted.has('grid') ? urls.householdGrid(gridCell, area.projects) : null, fail).data;
  const specialtyList = useApi<Specialty[]>(urls.specialties(), fail).data;

  useEffect(() => {
    if (map) DataLayers.add(map, BoundaryLayers.layerIds.villageLabel, BoundaryLayers.layerIds.townshipLabel);
  }, [map]);

  const mark = (name: string) => setLoaded((old) => (old.has(name) ? old : new Set([...old, name])));
  useEffect(() => {
    if (!map || !parks) return;
    DataLayers.setParks(map, parks);
    mark('parks');
  }, [map, parks]);
  useEffect(() => {
    if (!map) return;
    if (area.projects === false) DataLayers.setProjects(map, { type: 'FeatureCollection', features: [] } as unknown as ProjectCollection);
    else if (projects) {
      DataLayers.setProjects(map, projects);
      mark('projects');
    }
  }, [map, projects, area.projects]);
  // A clerk's exact points are drawn by deck.gl from binary columns (one upload per answer, not an
  // object per point); the public village counts stay a clustered MapLibre layer.
  const points = useMemo(() => (households && area.households !== false ? toHouseholdPoints(households) : null), [households, area.households]);
  useEffect(() => {
    if (!map) return;
    if (area.households === false) {
      DataLayers.setHouseholds(map, { type: 'FeatureCollection', features: [] } as unknown as HouseholdLayerCollection);
      setHouseholdsFor(null);
    } else if (households) {
      DataLayers.setHouseholds(map, { ...households, features: households.features.filter((f) => f.properties.kind === 'village') });
      setHouseholdsFor(viewer.user);
      mark('households');
    }
  }, [map, households, area.households]); // eslint-disable-line react-hooks/exhaustive-deps -- the answer is the viewer's
  const householdsShown = visible.includes('households');
  useEffect(() => {
    if (!map) return;
    setDeckLayerLazy(map, HOUSEHOLD_POINTS_LAYER, points && points.length > 0
      ? (deck) => new deck.HouseholdPointsLayer({ id: HOUSEHOLD_POINTS_LAYER, points, visible: householdsShown, beforeId: BoundaryLayers.layerIds.townshipLabel })
      : null);
  }, [map, points, householdsShown]);

  const gridShown = visible.includes('grid');
  useEffect(() => {
    if (!map) return;
    setDeckLayerLazy(map, HOUSEHOLD_GRID_LAYER, grid && area.projects !== false
      ? (deck) => new deck.HouseholdGridLayer({ id: HOUSEHOLD_GRID_LAYER, cells: grid.cells, cell: grid.cell, visible: gridShown, beforeId: BoundaryLayers.layerIds.villageLabel })
      : null);
    if (grid) mark('grid');
  }, [map, grid, gridShown, area.projects]);

  useEffect(() => {
    if (map) DataLayers.setVisible(map, visible);
  }, [map, visible]);
  useEffect(() => {
    if (map) DataLayers.filterSpecialty(map, specialty);
  }, [map, specialty]);

  const specialties = useMemo(() => filterableSpecialties(specialtyList ?? []), [specialtyList]);
  return { loaded: [...loaded].sort(), householdsFor, specialties, gridMin: grid?.min ?? null };
}
