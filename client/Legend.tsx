import type React from 'react';
import type { Messages } from './i18n/messages.ts';
import { legendItems, methodName, NO_DATA_COLOR } from './map/choropleth.ts';
import type { ChoroplethLegend } from './map/useChoropleth.ts';
import { dataColors, type LayerKey } from './map/DataLayers.ts';
import { mapColors } from './map/mapColors.ts';
import { GRID_BREAKS, GRID_COLORS } from './map/deck/householdGrid/gridCells.ts';

export interface LegendProps {
  messages: Messages;
  /** The indicator classes on the map, if any. */
  choropleth?: ChoroplethLegend | null;
  /** The visible data layers; each gets its entries. Without it, the poverty villages only. */
  layers?: readonly LayerKey[];
  /** The households grid's minimum households a cell (the answer's `min`): above 1, the legend says smaller cells are not shown. */
  gridMin?: number | null;
}

const dot = (color: string, hollow = false) => ({
  width: 12, height: 12, borderRadius: '50%', background: hollow ? '#ffffff' : color, border: hollow ? `2.5px solid ${color}` : '1px solid #fff',
});
const box = (color: string) => ({ width: 16, height: 12, background: color, opacity: 0.6, border: `2px solid ${color}` });

/** The map legend: the indicator classes and no-data, then the boundary levels and poverty villages. */
export function Legend({ messages, choropleth, layers = ['poverty'], gridMin = null }: LegendProps) {
  const items = [
    { key: 'county', label: messages.legendCounty, style: { borderTop: `3px solid ${mapColors.countyLine}` } },
    { key: 'township', label: messages.legendTownship, style: { borderTop: `2px dashed ${mapColors.townshipLine}` } },
    { key: 'village', label: messages.legendVillage, style: { borderTop: `1px solid ${mapColors.villageLine}` } },
    {
      key: 'poverty',
      label: messages.legendPovertyVillage,
      style: { background: mapColors.povertyFill, opacity: 0.75, height: 12, border: `1px solid ${mapColors.povertyLine}` },
    },
  ].filter((item) => item.key !== 'poverty' || layers.includes('poverty'));
  const groups: { key: LayerKey; title: string; inline?: boolean; entries: { key: string; label: string; style: React.CSSProperties }[] }[] = [
    {
      key: 'households',
      title: messages.legendHouseholds,
      entries: [
        { key: 'low', label: messages.legendHouseholdsLow, style: dot(dataColors.householdsLow) },
        { key: 'mid', label: messages.legendHouseholdsMid, style: dot(dataColors.householdsMid) },
        { key: 'high', label: messages.legendHouseholdsHigh, style: dot(dataColors.householdsHigh) },
        { key: 'risk', label: messages.legendHouseholdsAtRisk, style: dot(dataColors.householdAtRisk) },
        { key: 'scattered', label: messages.legendHouseholdsScattered, style: dot(dataColors.householdsHigh, true) },
      ],
    },
    {
      key: 'grid',
      title: messages.legendGrid,
      inline: true,
      entries: [
        ...GRID_COLORS.map((color, k) => ({
          key: `grid-${k}`,
          label: k === 0 ? `< ${GRID_BREAKS[0]}` : k === GRID_BREAKS.length ? `≥ ${GRID_BREAKS[k - 1]}` : `${GRID_BREAKS[k - 1]} ~ ${GRID_BREAKS[k]}`,
          style: { width: 14, height: 14, background: color, border: '1px solid #756bb1' },
        })),
      ],
    },
    {
      key: 'parks',
      title: messages.legendParks,
      entries: [
        { key: 'planned', label: messages.legendParkPlanned, style: box(dataColors.park.planned) },
        { key: 'building', label: messages.legendParkBuilding, style: box(dataColors.park.building) },
        { key: 'operating', label: messages.legendParkOperating, style: box(dataColors.park.operating) },
      ],
    },
    {
      key: 'projects',
      title: messages.legendProjects,
      entries: [
        { key: 'planned', label: messages.legendProjectPlanned, style: dot(dataColors.project.planned) },
        { key: 'in_progress', label: messages.legendProjectInProgress, style: dot(dataColors.project.in_progress) },
        { key: 'completed', label: messages.legendProjectCompleted, style: dot(dataColors.project.completed) },
      ],
    },
  ];
  const classes = choropleth ? legendItems(choropleth.classes, choropleth.mode, messages) : [];
  const subtitle = !choropleth
    ? ''
    : choropleth.mode === 'lag'
      ? messages.legendChoroplethLag
      : `${choropleth.share ? messages.legendChoroplethShare : messages.legendChoroplethValue} · ${methodName(choropleth.method, messages)}`;
  return (
    <aside className="legend" aria-label={messages.legendTitle}>
      {choropleth && (
        <>
          <h2 className="legend-title">{choropleth.title}</h2>
          <p className="legend-subtitle">{subtitle}</p>
          <ul data-testid="choropleth-legend" data-mode={choropleth.mode} data-method={choropleth.mode === 'value' ? choropleth.method : undefined}>
            {classes.map((c) => (
              <li key={c.color} data-color={c.color} className="legend-class">
                <span className="legend-swatch legend-fill" style={{ background: c.color }} />
                {c.name && <span className="legend-class-name">{c.name}</span>}
                <span className="legend-class-range">{c.range}</span>
              </li>
            ))}
            <li data-color={NO_DATA_COLOR} className="legend-class">
              <span className="legend-swatch legend-fill" style={{ background: NO_DATA_COLOR }} />
              {messages.legendNoData}
            </li>
          </ul>
        </>
      )}
      <h2 className="legend-title">{messages.legendTitle}</h2>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <span className="legend-swatch" style={item.style} />
            {item.label}
          </li>
        ))}
      </ul>
      {groups
        .filter((g) => layers.includes(g.key))
        .map((g) => (
          <div key={g.key} data-testid={`legend-${g.key}`}>
            <h2 className="legend-title">{g.title}</h2>
            <ul className={g.inline ? 'legend-compact legend-inline' : 'legend-compact'}>
              {g.entries.map((e) => (
                <li key={e.key}>
                  <span className="legend-swatch" style={e.style} />
                  {e.label}
                </li>
              ))}
            </ul>
            {g.key === 'grid' && gridMin !== null && gridMin > 1 && <p className="legend-note">{messages.legendGridHidden.replace('{min}', String(gridMin))}</p>}
          </div>
        ))}
    </aside>
  );
}
