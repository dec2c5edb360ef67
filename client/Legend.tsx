import type { Messages } from './i18n/messages.ts';
import { formatShare, legendDigits, NO_DATA_COLOR, type ChoroplethClass, type ChoroplethMode } from './map/choropleth.ts';
import { mapColors } from './map/mapColors.ts';

export interface LegendProps {
  messages: Messages;
  /** The indicator classes on the map, if any. */
  choropleth?: { title: string; mode: ChoroplethMode; classes: ChoroplethClass[] } | null;
}

/** The map legend: the indicator classes and no-data, then the boundary levels and poverty villages. */
export function Legend({ messages, choropleth }: LegendProps) {
  const items = [
    { key: 'county', label: messages.legendCounty, style: { borderTop: `3px solid ${mapColors.countyLine}` } },
    { key: 'township', label: messages.legendTownship, style: { borderTop: `2px dashed ${mapColors.townshipLine}` } },
    { key: 'village', label: messages.legendVillage, style: { borderTop: `1px solid ${mapColors.villageLine}` } },
    {
      key: 'poverty',
      label: messages.legendPovertyVillage,
      style: { background: mapColors.povertyFill, opacity: 0.75, height: 12, border: `1px solid ${mapColors.povertyLine}` },
    },
  ];
  const signed = choropleth?.mode === 'lag';
  const digits = choropleth ? legendDigits(choropleth.classes) : 0;
  return (
    <aside className="legend" aria-label={messages.legendTitle}>
      {choropleth && (
        <>
          <h2 className="legend-title">{choropleth.title}</h2>
          <p className="legend-subtitle">{choropleth.mode === 'lag' ? messages.legendChoroplethLag : messages.legendChoroplethValue}</p>
          <ul data-testid="choropleth-legend">
            {choropleth.classes.map((c) => (
              <li key={c.color} data-color={c.color}>
                <span className="legend-swatch legend-fill" style={{ background: c.color }} />
                {formatShare(c.from, signed, digits)} – {formatShare(c.to, signed, digits)}
              </li>
            ))}
            <li data-color={NO_DATA_COLOR}>
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
    </aside>
  );
}
