import type { Messages } from './i18n/messages.ts';
import { mapColors } from './map/mapColors.ts';

/** The map legend: the three boundary levels and the poverty-village fill. */
export function Legend({ messages }: { messages: Messages }) {
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
  return (
    <aside className="legend" aria-label={messages.legendTitle}>
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
